/**
 * The operations of the connector SPI by name, as the reference connector counts and fails
 * them. `find` and `get` are counted apart, as are the three membership calls, because engine
 * tests assert on each ("one `get`, no second `create`").
 */
export const REFERENCE_OPERATIONS = [
  'testConnection',
  'read',
  'find',
  'get',
  'latestToken',
  'changesSince',
  'create',
  'patch',
  'replace',
  'disable',
  'delete',
  'readMembers',
  'addMembers',
  'removeMembers',
  'close',
] as const;

export type ReferenceOperation = (typeof REFERENCE_OPERATIONS)[number];
