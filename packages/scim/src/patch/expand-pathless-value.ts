import { ScimError } from '../errors/scim-error.js';
import { isComplexValue } from './complex-value.js';
import type { PatchContext } from './patch-operation.js';
import { findScopeExtension, resolveAttribute, type PatchTarget } from './patch-target.js';

/** One member of a path-less value, as the target it names and the value to apply there. */
export interface PathlessPart {
  readonly target: PatchTarget;
  readonly value: unknown;
}

/**
 * Splits the value of a path-less add/replace ("the target location is the resource itself",
 * RFC 7644 §3.5.2.1/§3.5.2.3) into one part per attribute. Keys may be attribute names
 * (`nickName`), extension URNs holding an object of that extension's attributes, URN-qualified
 * names (`urn:…:enterprise:2.0:User:employeeNumber`, as Entra ID sends them), the core schema
 * URN holding core attributes, or dotted sub-attribute names (`name.givenName`). `schemas` is
 * skipped: the engine keeps it in line with the extensions present.
 */
export function expandPathlessValue(value: unknown, context: PatchContext): PathlessPart[] {
  if (!isComplexValue(value)) {
    throw ScimError.invalidValue(
      'Without "path", the value must be an object of attributes to set, such as {"nickName":"Babs"}.',
    );
  }
  const parts: PathlessPart[] = [];
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (key.toLowerCase() === 'schemas') continue;
    const extension = findScopeExtension(context, key);
    if (extension) {
      parts.push({ target: { kind: 'extension', text: key, urn: extension }, value: member });
      continue;
    }
    if (key.toLowerCase() === context.scope.core.toLowerCase()) {
      if (!isComplexValue(member)) {
        throw ScimError.invalidValue(`"${key}" must hold an object of core attributes.`);
      }
      for (const inner of Object.keys(member))
        parts.push({ target: attributeTarget(inner, context), value: member[inner] });
      continue;
    }
    parts.push({ target: attributeTarget(key, context), value: member });
  }
  return parts;
}

function attributeTarget(key: string, context: PatchContext): PatchTarget {
  const path = context.registry.parsePath(key);
  if (!path) throw ScimError.invalidPath(`"${key}" in the value is not an attribute name.`);
  return resolveAttribute(path, key, context);
}
