import { ScimError } from '../errors/scim-error.js';
import { getCaseInsensitive } from '../resource/case-insensitive.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import { attributeValuesEqual, isUnassigned } from './attribute-value-equality.js';

/**
 * Enforces RFC 7644 §3.5.2's "each operation MUST be compatible with the attribute's
 * mutability" for one attribute going from `current` to `next`:
 * - readOnly: any change is a `mutability` error, but sending the value the resource already has
 *   is accepted, since clients echo `id` and `meta` back;
 * - immutable: may be given a value while it has none ("a client MAY add a value to an immutable
 *   attribute if the attribute had no previous value"), never changed or removed afterwards;
 * - required: removing the value is an `invalidValue` error (the resource would be invalid).
 * Values are compared by the schema's rules, so a readOnly value echoed in another case passes
 * where the attribute is not case exact.
 */
export function assertMutationAllowed(
  definition: AttributeDefinition,
  current: unknown,
  next: unknown,
  path: string,
): void {
  if (definition.mutability === 'readOnly' || definition.mutability === 'immutable') {
    const hadValue = !isUnassigned(current);
    if (
      (definition.mutability === 'readOnly' || hadValue) &&
      !attributeValuesEqual(definition, current, next)
    ) {
      throw ScimError.mutability(
        definition.mutability === 'readOnly'
          ? `Attribute "${path}" is readOnly: the service provider maintains it, so a PATCH may not set, change or remove it.`
          : `Attribute "${path}" is immutable: it can be set while it has no value, but not changed or removed afterwards.`,
      );
    }
  }
  if (definition.required && isUnassigned(next) && !isUnassigned(current)) {
    throw ScimError.invalidValue(
      `Attribute "${path}" is required and cannot be removed; replace it with a new value instead.`,
    );
  }
}

/**
 * The same rules for the sub-attributes of one complex value (a single-valued complex attribute
 * or one element of a multi-valued one) that stays assigned: a sub-attribute keeps its own
 * mutability even when the attribute around it is readWrite (e.g. `manager.displayName`,
 * `members.value`). When the whole complex value goes away, only the attribute's own rules apply.
 */
export function assertSubAttributeMutationsAllowed(
  definition: AttributeDefinition,
  current: unknown,
  next: unknown,
  path: string,
): void {
  if (isUnassigned(next) || definition.type !== 'complex') return;
  for (const sub of definition.subAttributes ?? []) {
    if (sub.mutability === 'readWrite' || sub.mutability === 'writeOnly') {
      if (!sub.required) continue;
    }
    const before =
      current !== null && typeof current === 'object' ? getCaseInsensitive(current, sub.name) : undefined;
    const after = getCaseInsensitive(next as object, sub.name);
    assertMutationAllowed(sub, before, after, `${path}.${sub.name}`);
  }
}
