import { escapeBinaryFilterValue, escapeFilterValue } from './escape-filter-value.js';

/*
 * Small builders for LDAP filter text (RFC 4515). Every value that comes from data goes through
 * `escapeFilterValue`; attribute names come from configuration, which `assertAttributeName`
 * checks once at load time, so neither can carry filter syntax.
 */

/** An attribute description: a name or numeric OID, with options such as `;binary` or `;range=0-*`. */
const ATTRIBUTE_DESCRIPTION = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)*)(?:;[A-Za-z0-9=*-]+)*$/;

export function isAttributeName(name: string): boolean {
  return ATTRIBUTE_DESCRIPTION.test(name);
}

/** `(attr=value)` */
export const equalTo = (attribute: string, value: string): string =>
  `(${attribute}=${escapeFilterValue(value)})`;

/** `(attr=\\hh\\hh…)` for a binary value such as an objectGUID: every byte escaped. */
export const binaryEqualTo = (attribute: string, bytes: Uint8Array): string =>
  `(${attribute}=${escapeBinaryFilterValue(bytes)})`;

/** `(attr>=value)`: with generalizedTime or CSN attributes this is "at or after". */
export const atLeast = (attribute: string, value: string): string =>
  `(${attribute}>=${escapeFilterValue(value)})`;

/** `(attr<=value)` */
export const atMost = (attribute: string, value: string): string =>
  `(${attribute}<=${escapeFilterValue(value)})`;

/** `(attr=*)` */
export const present = (attribute: string): string => `(${attribute}=*)`;

/** A substring match: `(attr=initial*any*final)`, each part escaped. */
export function substrings(
  attribute: string,
  parts: { readonly initial?: string; readonly any?: readonly string[]; readonly final?: string },
): string {
  const middle = (parts.any ?? []).map(escapeFilterValue);
  const initial = escapeFilterValue(parts.initial ?? '');
  const final = escapeFilterValue(parts.final ?? '');
  return `(${attribute}=${[initial, ...middle, final].join('*')})`;
}

/** `(&…)`; one operand is returned as it is. */
export function allOf(...filters: readonly string[]): string {
  return filters.length === 1 ? (filters[0] as string) : `(&${filters.join('')})`;
}

/** `(|…)`; one operand is returned as it is. */
export function anyOf(...filters: readonly string[]): string {
  return filters.length === 1 ? (filters[0] as string) : `(|${filters.join('')})`;
}

export const not = (filter: string): string => `(!${filter})`;

/** A filter no entry matches: every entry has an objectClass. */
export const NOTHING = '(!(objectClass=*))';

/** A configured filter may be written without its outer parentheses (`objectClass=person`). */
export function parenthesise(filter: string): string {
  const trimmed = filter.trim();
  return trimmed.startsWith('(') ? trimmed : `(${trimmed})`;
}
