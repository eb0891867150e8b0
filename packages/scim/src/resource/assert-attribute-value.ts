import { ScimError } from '../errors/scim-error.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';

/** RFC 3339 / xsd:dateTime as SCIM uses it (RFC 7643 §2.3.5); the time zone may be omitted. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * `Date.parse` rolls impossible days over ("2023-02-29" becomes 1 March) instead of failing, so
 * the day is checked against the month here.
 */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

function isDateTime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = DATE_TIME.exec(value);
  if (!match || Number.isNaN(Date.parse(value))) return false;
  return isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value} (${JSON.stringify(value)?.slice(0, 60)})`;
}

/**
 * Checks one value (a single value, not an array of a multi-valued attribute) against its
 * definition and throws an `invalidValue` ScimError that names the attribute, the expected
 * type and what was sent. `path` is the attribute as the caller wrote it, for the message.
 */
export function assertSingleValue(definition: AttributeDefinition, value: unknown, path: string): void {
  const fail = (expected: string): never => {
    throw ScimError.invalidValue(`Attribute "${path}" expects ${expected}, but got ${describe(value)}.`);
  };
  switch (definition.type) {
    case 'string':
    case 'reference':
    case 'binary':
      if (typeof value !== 'string')
        fail(`a ${definition.type === 'string' ? 'string' : `${definition.type} (string)`}`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') fail('a boolean (true or false)');
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail('an integer');
      break;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail('a decimal number');
      break;
    case 'dateTime':
      if (!isDateTime(value)) {
        fail('a dateTime such as "2024-05-01T12:00:00Z"');
      }
      break;
    case 'complex':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('an object');
      break;
  }
}

/**
 * Checks a whole attribute value: an array of valid values for a multi-valued attribute, one
 * valid value otherwise. `null` is allowed everywhere: it means "no value" (RFC 7643 §2.5).
 */
export function assertAttributeValue(definition: AttributeDefinition, value: unknown, path: string): void {
  if (value === null) return;
  if (definition.multiValued) {
    if (!Array.isArray(value)) {
      throw ScimError.invalidValue(
        `Attribute "${path}" is multi-valued and expects an array, but got ${describe(value)}.`,
      );
    }
    for (const item of value) assertSingleValue(definition, item, path);
    return;
  }
  if (Array.isArray(value)) {
    throw ScimError.invalidValue(`Attribute "${path}" is single-valued, but got an array.`);
  }
  assertSingleValue(definition, value, path);
}
