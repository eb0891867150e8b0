import { getCaseInsensitive, type ScimResource } from '@idsync/scim';
import type { ScimTarget } from './scim-target.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The object holding a target's attribute: the resource, or its extension object. */
export function containerOf(resource: ScimResource, target: ScimTarget): Json | undefined {
  if (!target.schema) return resource as Json;
  const extension = getCaseInsensitive(resource, target.schema);
  return isObject(extension) ? extension : undefined;
}

/** Text of a simple SCIM value; numbers and booleans as LDAP writes them. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Whether an element of a multi-valued attribute is selected by the target's type. */
function elementMatches(element: Json, target: ScimTarget, untypedToo: boolean): boolean {
  const type = getCaseInsensitive<unknown>(element, 'type');
  if (target.valueType === undefined) return true;
  if (typeof type === 'string') return type.toLowerCase() === target.valueType.toLowerCase();
  return untypedToo;
}

/**
 * The text values a resource holds at a target, in order. For a typed element selector
 * (`emails[type eq "work"].value`), elements without a type count too when `untypedToo` is set:
 * the first mapping of an attribute takes them, so an email sent without a type is not lost.
 */
export function readScimValues(resource: ScimResource, target: ScimTarget, untypedToo = false): string[] {
  const holder = containerOf(resource, target);
  if (!holder) return [];
  const value = getCaseInsensitive<unknown>(holder, target.attribute);
  if (target.multiValued) {
    if (!Array.isArray(value)) return [];
    return value
      .filter((element): element is Json => isObject(element) && elementMatches(element, target, untypedToo))
      .map((element) => textOf(getCaseInsensitive(element, target.subAttribute ?? 'value')))
      .filter((text): text is string => text !== undefined);
  }
  const simple =
    target.subAttribute === undefined
      ? value
      : isObject(value)
        ? getCaseInsensitive(value, target.subAttribute)
        : undefined;
  const text = textOf(simple);
  return text === undefined ? [] : [text];
}
