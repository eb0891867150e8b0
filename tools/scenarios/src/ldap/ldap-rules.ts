import type { AttributeMapping, ProvisioningRule } from '@idsync/core';
import { LDAP_USER_EXTENSION } from '@idsync/connector-ldap';
import type { ExtensionRegistration } from '@idsync/scim';
import { LDAP_CONNECTION_ID } from './ldap-engine.js';

/**
 * Where the LDAP connection's user attribute map puts each entry's own DN (`entryDN`, an
 * operational attribute of OpenLDAP), so that a move — which changes nothing else — shows in the
 * hub as a changed value of the same user.
 */
export const DN_PATH = `${LDAP_USER_EXTENSION}:distinguishedName`;
/** The connector setting that reads `entryDN` into `DN_PATH`. */
export const DN_ATTRIBUTE_MAP = [`entryDN=${DN_PATH}`];

/**
 * The same extension declared to the hub, as a deployment declares its custom schemas: the
 * engine diffs only attributes its registry defines, so an undeclared one would reach the hub
 * with other changes but never on its own.
 */
export const DN_EXTENSION: ExtensionRegistration = {
  resourceType: 'User',
  schema: {
    id: LDAP_USER_EXTENSION,
    name: 'LDAP user',
    attributes: [
      {
        name: 'distinguishedName',
        type: 'string',
        multiValued: false,
        required: false,
        caseExact: false,
        mutability: 'readWrite',
        returned: 'default',
        uniqueness: 'none',
      },
    ],
  },
};

const direct = (target: string, source = target): AttributeMapping => ({ kind: 'direct', target, source });

/** The person attributes every LDAP scenario maps, the same paths on both sides. */
export const PERSON_MAPPINGS: readonly AttributeMapping[] = [
  direct('userName'),
  direct('displayName'),
  direct('name.givenName'),
  direct('name.familyName'),
  direct('title'),
  direct('emails[type eq "work"].value'),
];

export const ldapRule = (
  direction: ProvisioningRule['direction'],
  objectType: ProvisioningRule['objectType'],
  mappings: readonly AttributeMapping[],
  overrides: Partial<ProvisioningRule> = {},
): ProvisioningRule => ({
  id: `${direction}-ldap-${objectType.toLowerCase()}s`,
  name: `${objectType}s ${direction === 'inbound' ? 'from' : 'to'} LDAP`,
  direction,
  connectionId: LDAP_CONNECTION_ID,
  objectType,
  enabled: true,
  scope: {},
  mappings,
  ...overrides,
});

export const groupMappings: readonly AttributeMapping[] = [direct('displayName')];

export { direct };
