/** The `scimType` values of RFC 7644 §3.12 (table 9). */
export const SCIM_ERROR_TYPES = [
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive',
] as const;

export type ScimErrorType = (typeof SCIM_ERROR_TYPES)[number];

export function isScimErrorType(value: unknown): value is ScimErrorType {
  return typeof value === 'string' && (SCIM_ERROR_TYPES as readonly string[]).includes(value);
}
