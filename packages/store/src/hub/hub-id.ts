/** A hub id as the store writes it: a UUID in its canonical lower-case form. */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Hub ids are `uuid` columns. An id from outside (a URL, a member reference) that is not a
 * canonical UUID names no hub object; checking before the query keeps PostgreSQL from failing
 * the statement (and with it the transaction) on a cast error.
 */
export function isHubId(value: unknown): value is string {
  return typeof value === 'string' && CANONICAL_UUID.test(value);
}

/** Accepts the upper-case spelling of a UUID too (members sent by some clients). */
export function normaliseHubId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return CANONICAL_UUID.test(lower) ? lower : undefined;
}
