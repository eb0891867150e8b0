import { isValidAttributeName } from '../schema/attribute-path.js';
import type { PatchPath } from './filter-ast.js';
import { FilterParser, type FilterParseOptions } from './filter-parser.js';

/**
 * Parses the `path` of a PATCH operation (RFC 7644 §3.5.2): `attrPath` or
 * `valuePath [ "." subAttr ]`, e.g. `name.givenName`, `members[value eq "2819c223"]`,
 * `emails[type eq "work"].value`, `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`.
 * Pass the registered schema URNs as `knownSchemas` so that a path naming a schema alone is
 * refused instead of being read as attribute "User" of schema "urn:…:2.0". Every error,
 * also one inside the value filter, is a `FilterSyntaxError` with scimType `invalidPath`.
 */
export function parsePatchPath(
  text: string,
  knownSchemas?: Iterable<string>,
  options?: FilterParseOptions,
): PatchPath {
  const parser = new FilterParser(text, 'invalidPath', {
    ...options,
    knownSchemas: knownSchemas ?? options?.knownSchemas,
  });
  const pathToken = parser.next();
  if (pathToken.kind === 'end')
    parser.fail('the path is empty; expected an attribute such as name.givenName', pathToken);
  const attribute = parser.parsePath(pathToken);
  if (parser.peek().kind !== '[') {
    parser.expectEnd('"["');
    return { attribute };
  }
  const valueFilter = parser.parseValueFilter(pathToken, attribute);
  const after = parser.peek();
  if (after.kind === 'word' && after.text.startsWith('.')) {
    parser.next();
    const subAttribute = after.text.slice(1);
    if (!isValidAttributeName(subAttribute)) {
      parser.fail(`"${subAttribute}" after the value filter is not a sub-attribute name`, after);
    }
    parser.expectEnd();
    return { attribute, valueFilter, subAttribute };
  }
  parser.expectEnd('".subAttribute"');
  return { attribute, valueFilter };
}
