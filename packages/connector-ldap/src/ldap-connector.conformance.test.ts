import { afterAll } from '@jest/globals';
import { runConnectorConformanceSuite } from '@idsync/connector-testkit';
import { validateConnectorConfig, type ObjectType } from '@idsync/core';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, type ScimResource } from '@idsync/scim';
import { LDAP_DEFINITION } from './ldap-definition.js';
import { LDAP_MANIFEST } from './manifest.js';
import { startTestDirectory } from './testing/test-directory.js';

/*
 * The connector-testkit conformance suite against a real OpenLDAP slapd (memberof, refint,
 * syncprov and accesslog loaded), with the openldap preset. `inspect` reads entries with a
 * plain ldapts client and maps them by hand, so a write that did not land is caught even when
 * the connector's own get() agrees with its mistake.
 */
const directory = await startTestDirectory();
afterAll(() => directory.stop());

const sampleConfig = directory.config();

async function inspect(type: ObjectType, remoteId: string): Promise<ScimResource | undefined> {
  const base = type === 'User' ? directory.ldap.peopleDN : directory.ldap.groupsDN;
  const { searchEntries } = await directory.admin.search(base, {
    filter: `(entryUUID=${remoteId})`,
    attributes: ['*', 'entryUUID'],
  });
  const [entry] = searchEntries;
  if (!entry) return undefined;
  const one = (name: string) => {
    const value = entry[name];
    return Array.isArray(value) ? (value[0] as string | undefined) : (value as string | undefined);
  };
  if (type === 'Group') return { schemas: [GROUP_SCHEMA], displayName: one('cn') as string };
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    userName: one('uid') as string,
    ...(one('displayName') !== undefined ? { displayName: one('displayName') } : {}),
    name: { givenName: one('givenName') ?? null, familyName: one('sn') ?? null },
    ...(one('mail') ? { emails: [{ value: one('mail') as string, type: 'work', primary: true }] } : {}),
    ...(one('title') ? { title: one('title') } : {}),
    [ENTERPRISE_USER_SCHEMA]: {
      employeeNumber: one('employeeNumber') ?? null,
      department: one('departmentNumber') ?? null,
    },
    active: one('shadowExpire') !== '1',
  };
}

runConnectorConformanceSuite({
  definition: LDAP_DEFINITION,
  sampleConfig,
  badCredentialsConfig: { ...sampleConfig, bindPassword: 'not-the-admin-password' },
  connect: async (context) => ({
    connector: LDAP_DEFINITION.create(validateConnectorConfig(LDAP_MANIFEST, sampleConfig), context),
    inspect,
  }),
  samples: {
    user: (tag) => ({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: `user-${tag}`,
      displayName: `User ${tag}`,
      name: { givenName: 'Ada', familyName: `Lovelace ${tag}` },
      emails: [{ value: `${tag}@example.org`, type: 'work', primary: true }],
      title: 'Engineer',
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: tag, department: 'R&D' },
      active: true,
    }),
    group: (tag) => ({ schemas: [GROUP_SCHEMA], displayName: `Group ${tag}` }),
    editableAttribute: 'displayName',
  },
});
