import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RemoteObject } from '@idsync/core';
import type { LdapEntry as SeedEntry } from '@idsync/ldap';
import { parseFilter, type FilterNode } from '@idsync/scim';
import { startTestDirectory } from '../testing/test-directory.js';

/*
 * BatchLookupOp against a real slapd that records searches in its accesslog (logSearches), so
 * the tests count the searches the connector really sent. The connector binds as its own DN,
 * which tells its searches apart from the test's admin client. Every batched answer is
 * compared with the per-item answers of get() and find().
 */
const SUFFIX = 'dc=example,dc=org';
const LOOKUP_DN = `cn=lookup,${SUFFIX}`;
const PEOPLE = 260;
const people: SeedEntry[] = Array.from({ length: PEOPLE }, (_, index) => ({
  dn: `uid=b${index},ou=people,${SUFFIX}`,
  attributes: {
    objectClass: 'inetOrgPerson',
    uid: `b${index}`,
    cn: `Batch ${index}`,
    sn: 'B',
    displayName: `Batch ${index}`,
    mail: `b${index}@example.org`,
  },
}));
const groups: SeedEntry[] = ['alpha', 'beta'].map((cn) => ({
  dn: `cn=${cn},ou=groups,${SUFFIX}`,
  attributes: { objectClass: 'groupOfNames', cn, member: `uid=b0,ou=people,${SUFFIX}` },
}));
const directory = await startTestDirectory({
  logSearches: true,
  seed: [
    {
      dn: LOOKUP_DN,
      attributes: { objectClass: 'person', cn: 'lookup', sn: 'lookup', userPassword: 'lookup-pw' },
    },
    ...people,
    ...groups,
  ],
});
afterAll(() => directory.stop());

const connectorAsLookup = () => directory.connector({ bindDn: LOOKUP_DN, bindPassword: 'lookup-pw' });

/** Search requests slapd logged for the connector's bind DN (one record per page). */
async function searchesSoFar(): Promise<number> {
  const { searchEntries } = await directory.admin.search('cn=accesslog', {
    scope: 'one',
    filter: `(&(reqType=search)(reqAuthzID=${LOOKUP_DN}))`,
    attributes: ['1.1'],
    paged: { pageSize: 1000 },
  });
  return searchEntries.length;
}

async function countSearches(work: () => Promise<unknown>): Promise<number> {
  const before = await searchesSoFar();
  await work();
  return (await searchesSoFar()) - before;
}

const ids = (objects: readonly RemoteObject[]) => objects.map((object) => object.remoteId).sort();

let userIds: string[] = [];
let groupIds: string[] = [];
beforeAll(async () => {
  const idsUnder = async (base: string) =>
    (
      await directory.admin.search(base, {
        scope: 'one',
        attributes: ['entryUUID'],
        paged: { pageSize: 1000 },
      })
    ).searchEntries.map((entry) => String(entry['entryUUID']));
  userIds = await idsUnder(directory.ldap.peopleDN);
  groupIds = await idsUnder(directory.ldap.groupsDN);
  expect(userIds).toHaveLength(PEOPLE);
  await connectorAsLookup().testConnection(); // the first bind is not what these tests count
});

describe('getMany', () => {
  it('answers 250 ids as get() does, in three searches of at most 100 ids', async () => {
    const connector = connectorAsLookup();
    const unknown = Array.from({ length: 5 }, (_, index) => `00000000-0000-4000-8000-00000000000${index}`);
    const asked = [...userIds.slice(0, 250), ...unknown, 'not-a-uuid', userIds[0]!.toUpperCase()];
    let batched: ReadonlyMap<string, RemoteObject> = new Map();
    // 255 distinct well-formed ids (the upper-case spelling is the same id): 3 searches.
    expect(await countSearches(async () => (batched = await connector.getMany('User', asked)))).toBe(3);

    const single = new Map<string, RemoteObject>();
    for (const id of asked) {
      const object = await connector.get('User', id);
      if (object) single.set(id, object);
    }
    expect([...batched.keys()].sort()).toEqual([...single.keys()].sort());
    for (const [id, object] of single) expect(batched.get(id)).toEqual(object);
    expect(batched.size).toBe(251); // 250 users, and the upper-case spelling of one of them
    expect(batched.has('not-a-uuid')).toBe(false);
    expect(batched.has(unknown[0]!)).toBe(false);
  });

  it('returns only objects of the type asked for', async () => {
    const connector = connectorAsLookup();
    const found = await connector.getMany('Group', [...groupIds, userIds[0]!]);
    expect([...found.keys()].sort()).toEqual([...groupIds].sort());
    expect([...found.values()].map((object) => object.type)).toEqual(['Group', 'Group']);
  });

  it('sends no search for an empty list', async () => {
    const connector = connectorAsLookup();
    expect(await countSearches(async () => expect((await connector.getMany('User', [])).size).toBe(0))).toBe(
      0,
    );
  });
});

describe('findEach', () => {
  async function perItem(filters: readonly FilterNode[]): Promise<string[][]> {
    const connector = connectorAsLookup();
    const answers: string[][] = [];
    for (const filter of filters) answers.push(ids(await connector.find('User', filter)));
    return answers;
  }

  it('answers each of 120 filters as find() does, in one search per 50 filters', async () => {
    const texts = [
      ...Array.from({ length: 100 }, (_, index) => `userName eq "b${index}"`),
      ...Array.from(
        { length: 14 },
        (_, index) => `emails[type eq "work" and value eq "b${200 + index}@example.org"]`,
      ),
      'userName sw "b25"', // b25 and b250…b259
      'displayName eq "Nobody"',
      'userName eq "b0"', // the same filter twice
      'userName eq "B7"', // uid and userName both ignore case
      'displayName co "atch 1" and not (userName sw "b1")', // matches nothing: every "Batch 1…" is b1…
      'userName eq "b3" or userName eq "b4"',
    ];
    expect(texts).toHaveLength(120);
    const filters = texts.map((text) => parseFilter(text));
    const connector = connectorAsLookup();
    let batched: readonly (readonly RemoteObject[])[] = [];
    expect(await countSearches(async () => (batched = await connector.findEach('User', filters)))).toBe(3);

    expect(batched).toHaveLength(filters.length);
    expect(batched.map(ids)).toEqual(await perItem(filters));
    expect(batched[100 + 14]).toHaveLength(11);
    expect(batched[100 + 15]).toEqual([]);
    expect(ids(batched[100 + 16]!)).toEqual(ids(batched[0]!));
    expect(batched[100 + 17]!.map((object) => object.resource['userName'])).toEqual(['b7']);
  });

  it('falls back to one find per filter when the directory returns an entry no filter claims locally', async () => {
    // entryUUID matches without case in LDAP, while SCIM's id is case-exact: the directory finds
    // the entry for the upper-case id, the local evaluation does not.
    const filters = [parseFilter(`id eq "${userIds[5]!.toUpperCase()}"`), parseFilter('userName eq "b1"')];
    const connector = connectorAsLookup();
    let batched: readonly (readonly RemoteObject[])[] = [];
    // One combined search, then one per filter.
    expect(await countSearches(async () => (batched = await connector.findEach('User', filters)))).toBe(3);
    expect(batched.map(ids)).toEqual(await perItem(filters));
    expect(ids(batched[0]!)).toEqual([userIds[5]]);
  });

  it('refuses a filter LDAP cannot express, as find() does', async () => {
    const connector = connectorAsLookup();
    await expect(
      connector.findEach('User', [parseFilter('userName eq "b1"'), parseFilter('title gt "m"')]),
    ).rejects.toMatchObject({ code: 'unsupported' });
  });
});
