/**
 * The operations of the connector SPI by name, as the reference connector counts and fails
 * them. `find`, `get` and their batch forms `getMany` and `findEach` are counted apart, as are the three membership calls, because engine
 * tests assert on each ("one `get`, no second `create`").
 */
export const REFERENCE_OPERATIONS = [
  'testConnection',
  'read',
  'find',
  'get',
  'getMany',
  'findEach',
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
