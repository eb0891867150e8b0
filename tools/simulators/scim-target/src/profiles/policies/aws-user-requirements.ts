import { getCaseInsensitive, ScimError, type ScimResource } from '@idsync/scim';
import type { TargetPolicy } from '../target-policy.js';

/** AWS's own wording for a body it will not take (SCIM004 in its console). */
export const AWS_SCHEMA_VIOLATION = 'Request is unparsable, syntactically incorrect, or violates schema.';

const REQUIRED: readonly (readonly [string, string?])[] = [
  ['userName'],
  ['displayName'],
  ['name', 'givenName'],
  ['name', 'familyName'],
];
const SINGLE_VALUED_HERE = ['emails', 'phoneNumbers', 'addresses'];
const NOT_SUPPORTED = ['photos', 'ims', 'entitlements', 'x509Certificates', 'password'];

const isBlank = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

function valueAt(resource: ScimResource, attribute: string, sub?: string): unknown {
  const value = getCaseInsensitive(resource, attribute);
  if (sub === undefined) return value;
  return value && typeof value === 'object' && !Array.isArray(value)
    ? getCaseInsensitive(value, sub)
    : undefined;
}

/**
 * AWS IAM Identity Center user rules: userName, displayName, name.givenName and name.familyName
 * are all required; at most one email, phone number and address ("multi-valued attributes are
 * not supported"); photos, ims, entitlements, x509Certificates and password are not supported.
 * Checked on every write of a user, so a PATCH or PUT cannot leave a user AWS would refuse.
 */
export const awsUserRequirements: TargetPolicy = {
  name: 'aws-user-requirements',
  description:
    'Users need userName, displayName, name.givenName, name.familyName; at most one email, phone number and address; no photos, ims, entitlements, x509Certificates, password.',
  checkWrite(write, context) {
    if (context.resourceType !== 'User') return;
    const user = write.after;
    const missing = REQUIRED.filter(([attribute, sub]) => isBlank(valueAt(user, attribute, sub))).map(
      ([a, s]) => (s ? `${a}.${s}` : a),
    );
    if (missing.length > 0) {
      throw ScimError.invalidValue(`${AWS_SCHEMA_VIOLATION} Missing: ${missing.join(', ')}.`);
    }
    for (const attribute of SINGLE_VALUED_HERE) {
      const values = getCaseInsensitive(user, attribute);
      if (Array.isArray(values) && values.length > 1) {
        throw ScimError.invalidValue(
          `${AWS_SCHEMA_VIOLATION} ${attribute} holds ${values.length} values; at most one is supported.`,
        );
      }
    }
    const unsupported = NOT_SUPPORTED.filter((attribute) => !isBlank(getCaseInsensitive(user, attribute)));
    if (unsupported.length > 0) {
      throw ScimError.invalidValue(`${AWS_SCHEMA_VIOLATION} Not supported: ${unsupported.join(', ')}.`);
    }
  },
};
