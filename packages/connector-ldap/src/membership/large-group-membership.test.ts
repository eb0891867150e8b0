import { afterAll, describe, expect, it } from '@jest/globals';
import type { LdapEntry as SeedEntry } from '@idsync/ldap';
import { GROUP_SCHEMA } from '@idsync/scim';
import { collect } from '../testing/collect.js';
import { startTestDirectory } from '../testing/test-directory.js';

/*
 * Membership writes for a 2,500-member group against a real slapd, for each member attribute.
 * The accesslog counts the modify requests the connector sent for the group's DN, which is how
 * these tests see the batching (memberBatchSize 500: 2,500 members take 5 requests).
 */
const PEOPLE = 2500;
const people: SeedEntry[] = Array.from({ length: PEOPLE }, (_, index) => ({
  dn: `uid=p${index},ou=people,dc=example,dc=org`,
  attributes: {
    objectClass: ['inetOrgPerson', 'shadowAccount'],
    uid: `p${index}`,
    cn: `Person ${index}`,
    sn: `P${index}`,
  },
}));
const directory = await startTestDirectory({ seed: people });
afterAll(() => directory.stop());

const POSIX = 'urn:example:params:scim:schemas:extension:posix:2.0:Group';

async function allUserIds(): Promise<string[]> {
  const connector = directory.connector();
  const pages = await collect(connector.read('User', { pageSize: 1000 }));
  return pages.flat().map((object) => object.remoteId);
}

/** Modify requests the server logged for one DN. */
async function modifyRequestsFor(dn: string): Promise<number> {
  const { searchEntries } = await directory.admin.search('cn=accesslog', {
    scope: 'one',
    filter: `(&(reqType=modify)(reqDN=${dn}))`,
    attributes: ['reqStart'],
  });
  return searchEntries.length;
}

async function groupDn(displayName: string): Promise<string> {
  const { searchEntries } = await directory.admin.search(directory.ldap.groupsDN, {
    filter: `(cn=${displayName})`,
    attributes: ['1.1'],
  });
  return searchEntries[0]!.dn;
}

const cases = [
  {
    attribute: 'member',
    overrides: {},
    group: (name: string) => ({ schemas: [GROUP_SCHEMA], displayName: name }),
  },
  {
    attribute: 'uniqueMember',
    overrides: { groupObjectClasses: ['top', 'groupOfUniqueNames'] },
    group: (name: string) => ({ schemas: [GROUP_SCHEMA], displayName: name }),
  },
  {
    attribute: 'memberUid',
    overrides: {
      groupObjectClasses: ['top', 'posixGroup'],
      groupAttributeMap: [`gidNumber=${POSIX}:gidNumber`],
    },
    group: (name: string) => ({
      schemas: [GROUP_SCHEMA, POSIX],
      displayName: name,
      [POSIX]: { gidNumber: '5000' },
    }),
  },
] as const;

describe.each(cases)('a 2,500-member group over $attribute', ({ attribute, overrides, group }) => {
  it('adds, reads and removes members in batches of memberBatchSize', async () => {
    const ids = await allUserIds();
    expect(ids).toHaveLength(PEOPLE);
    const connector = directory.connector({ ...overrides, memberBatchSize: 500, pageSize: 400 });
    const name = `big-${attribute}`;
    const created = await connector.create('Group', group(name));
    const dn = await groupDn(name);
    const before = await modifyRequestsFor(dn);

    await connector.addMembers(created.remoteId, ids);
    expect((await modifyRequestsFor(dn)) - before).toBe(5);
    const pages = await collect(connector.readMembers(created.remoteId));
    expect(pages.every((page) => page.length <= 400)).toBe(true);
    expect(new Set(pages.flat())).toEqual(new Set(ids));
    expect(pages.flat()).toHaveLength(PEOPLE);
    const stored = await directory.admin.search(dn, { scope: 'base', attributes: [attribute] });
    expect([stored.searchEntries[0]![attribute]].flat()).toHaveLength(PEOPLE);

    // Adding them all again changes nothing and sends nothing.
    const afterAdd = await modifyRequestsFor(dn);
    await connector.addMembers(created.remoteId, ids);
    expect(await modifyRequestsFor(dn)).toBe(afterAdd);

    await connector.removeMembers(created.remoteId, ids.slice(0, 1200));
    expect((await modifyRequestsFor(dn)) - afterAdd).toBe(3);
    const left = (await collect(connector.readMembers(created.remoteId))).flat();
    expect(new Set(left)).toEqual(new Set(ids.slice(1200)));
  }, 120_000);

  it('overwrites the member list in batches, adding before removing', async () => {
    const ids = await allUserIds();
    const connector = directory.connector({ ...overrides, memberBatchSize: 500 });
    const created = await connector.create('Group', group(`swap-${attribute}`));
    await connector.addMembers(created.remoteId, ids.slice(0, 1500));
    await connector.replaceMembers(created.remoteId, ids.slice(1000, 2500));
    const members = (await collect(connector.readMembers(created.remoteId))).flat();
    expect(new Set(members)).toEqual(new Set(ids.slice(1000, 2500)));
    await connector.replaceMembers(created.remoteId, []);
    expect((await collect(connector.readMembers(created.remoteId))).flat()).toEqual([]);
  }, 120_000);
});
