import { ScimError } from '../errors/scim-error.js';
import { findKeyCaseInsensitive } from '../resource/case-insensitive.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import { primarySubAttribute } from './sub-attributes.js';

function primaryOf(element: unknown): unknown {
  if (element === null || typeof element !== 'object') return undefined;
  const key = findKeyCaseInsensitive(element, 'primary');
  return key === undefined ? undefined : (element as Record<string, unknown>)[key];
}

/**
 * Keeps "primary" unique in a multi-valued attribute after an operation (RFC 7643 §2.4: "true"
 * appears no more than once; RFC 7644 §3.5.2: setting a value primary SHALL make the server set
 * `primary` to false on the others). `written` are the elements this operation created or
 * changed: if one of them is primary, every other primary element is demoted; if several are,
 * the request is contradictory and fails with `invalidValue`. Returns `elements` itself when
 * nothing needed demoting.
 */
export function keepPrimaryUnique(
  definition: AttributeDefinition,
  elements: readonly unknown[],
  written: ReadonlySet<unknown>,
  path: string,
): readonly unknown[] {
  if (!primarySubAttribute(definition) || written.size === 0) return elements;
  let claims = 0;
  for (const element of written) if (primaryOf(element) === true) claims++;
  if (claims > 1) {
    throw ScimError.invalidValue(
      `Attribute "${path}" would have ${claims} values with "primary": true; at most one value may be primary.`,
    );
  }
  if (claims === 0) return elements;
  let result: unknown[] | undefined;
  elements.forEach((element, index) => {
    if (written.has(element) || primaryOf(element) !== true) return;
    const key = findKeyCaseInsensitive(element as object, 'primary')!;
    result ??= [...elements];
    result[index] = { ...(element as object), [key]: false };
  });
  return result ?? elements;
}
