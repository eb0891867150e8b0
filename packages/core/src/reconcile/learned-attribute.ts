import {
  defineAttribute,
  isValidAttributeName,
  type AttributeDefinition,
  type AttributeType,
} from '@idsync/scim';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function simpleType(value: unknown): AttributeType {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'decimal';
  return 'string';
}

/** Sub-attributes of the complex values seen, in first-seen order; invalid names are left out. */
function learnSubAttributes(values: readonly Record<string, unknown>[]): AttributeDefinition[] {
  const subs = new Map<string, AttributeDefinition>();
  for (const value of values) {
    for (const [name, member] of Object.entries(value)) {
      if (!isValidAttributeName(name) || subs.has(name.toLowerCase())) continue;
      if (member === null || member === undefined) {
        subs.set(name.toLowerCase(), defineAttribute(name, { caseExact: true }));
        continue;
      }
      // SCIM has no complex sub-attributes: a nested object or list is compared as a whole value.
      const multiValued = Array.isArray(member);
      const sample = multiValued ? member.find((m) => m !== null && m !== undefined) : member;
      subs.set(
        name.toLowerCase(),
        defineAttribute(name, {
          type: isRecord(sample) ? 'string' : simpleType(sample),
          multiValued,
          caseExact: true,
        }),
      );
    }
  }
  return [...subs.values()];
}

/**
 * A schema definition for an attribute no registered schema defines (a custom extension's
 * `costCenter`), learned from the value a rule mapped to it, so that the diff compares it
 * instead of skipping it: strings are case-exact (nothing says otherwise), numbers and booleans
 * keep their type, objects become complex attributes and lists multi-valued ones. Undefined
 * for a name that is not an attribute name (such a key could not be written by a PATCH path).
 */
export function learnAttribute(name: string, value: unknown): AttributeDefinition | undefined {
  if (!isValidAttributeName(name)) return undefined;
  const multiValued = Array.isArray(value);
  const values = multiValued
    ? value.filter((v) => v !== null && v !== undefined)
    : value === null || value === undefined
      ? []
      : [value];
  const complex = values.filter(isRecord);
  if (complex.length > 0 && complex.length === values.length) {
    const subAttributes = learnSubAttributes(complex);
    if (subAttributes.length)
      return defineAttribute(name, { type: 'complex', multiValued, caseExact: true, subAttributes });
  }
  return defineAttribute(name, { type: simpleType(values[0]), multiValued, caseExact: true });
}
