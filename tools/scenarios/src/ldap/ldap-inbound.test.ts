import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HubObject } from '@idsync/core';
import { LdapEngine, writesOf } from './ldap-engine.js';
import {
  DN_ATTRIBUTE_MAP,
  DN_EXTENSION,
  DN_PATH,
  PERSON_MAPPINGS,
  direct,
  groupMappings,
  ldapRule,
} from './ldap-rules.js';
import { LdapTestDirectory, ouLdif, personLdif } from './ldap-test-directory.js';

/*
 * LDAP → hub through the inbound engine against a real slapd: users (inetOrgPerson) and groups
 * (groupOfNames) come in with their memberships; a modify, a rename (modrdn) and a move (new
 * superior) arrive as updates of the same hub user, because the link holds the entryUUID, not
 * the DN; a delete, found in the accesslog, disables the hub user; and a full run afterwards
 * finds nothing left to do. The steps build on each other, in order.
 */
let directory: LdapTestDirectory;
let engine: LdapEngine;

const rules = [
  ldapRule('inbound', 'User', [...PERSON_MAPPINGS, direct('active'), direct(DN_PATH)]),
  ldapRule('inbound', 'Group', groupMappings),
];

beforeAll(async () => {
  directory = await LdapTestDirectory.start({
    seed: [
      ouLdif('ou=staff,ou=people,dc=example,dc=org'),
      personLdif('ou=people,dc=example,dc=org', 'ann', {
        displayName: 'Ann Arbor',
        givenName: 'Ann',
        sn: 'Arbor',
        title: 'Analyst',
        mail: 'ann@example.org',
      }),
      personLdif('ou=people,dc=example,dc=org', 'bob', {
        displayName: 'Bob Brown',
        givenName: 'Bob',
        sn: 'Brown',
        mail: 'bob@example.org',
      }),
      personLdif('ou=people,dc=example,dc=org', 'cy', {
        displayName: 'Cy Young',
        givenName: 'Cy',
        sn: 'Young',
      }),
      personLdif('ou=disabled,dc=example,dc=org', 'dee', { displayName: 'Dee Dee' }),
      'dn: cn=engineering,ou=groups,dc=example,dc=org\nobjectClass: groupOfNames\ncn: engineering\n' +
        'member: uid=ann,ou=people,dc=example,dc=org\nmember: uid=bob,ou=people,dc=example,dc=org\n\n',
      'dn: cn=sales,ou=groups,dc=example,dc=org\nobjectClass: groupOfNames\ncn: sales\nmember: uid=cy,ou=people,dc=example,dc=org\n',
    ].join(''),
  });
  engine = await LdapEngine.start(directory, {
    config: { userAttributeMap: DN_ATTRIBUTE_MAP },
    extensions: [DN_EXTENSION],
  });
}, 180_000);

afterAll(async () => {
  await engine?.close();
  await directory?.stop();
});

const hubUser = async (userName: string): Promise<HubObject> => {
  const user = await engine.store.hub.findByUserName(userName);
  if (!user) throw new Error(`no hub user ${userName}`);
  return user;
};
const dnOf = (user: HubObject) =>
  ((user.resource[DN_PATH.slice(0, DN_PATH.lastIndexOf(':'))] ?? {}) as Record<string, unknown>)[
    'distinguishedName'
  ];
const memberNames = async (displayName: string): Promise<string[]> => {
  const found = await engine.store.hub.search('Group', {
    filter: { kind: 'comparison', path: { attribute: 'displayName' }, operator: 'eq', value: displayName },
    startIndex: 1,
    count: 1,
  });
  const members = (found.objects[0]?.resource.members ?? []) as { value: string }[];
  const names = await Promise.all(
    members.map(async (m) => (await engine.store.hub.get('User', m.value))?.resource.userName),
  );
  return names.map(String).sort();
};

/** Polls (bounded) until refint has taken a deleted or renamed entry out of a group. */
async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Gave up waiting: ${what}`);
}

let ids: Record<string, string> = {};

describe('LDAP → hub through the inbound engine', () => {
  it('a full run creates hub users from inetOrgPerson entries, with active from the disable mode', async () => {
    const run = await engine.pull(rules, 'User');
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ 'source.objects': 4, 'create.succeeded': 4 });

    const ann = await hubUser('ann');
    expect(ann.resource).toMatchObject({
      displayName: 'Ann Arbor',
      name: { givenName: 'Ann', familyName: 'Arbor' },
      title: 'Analyst',
      emails: [{ type: 'work', value: 'ann@example.org' }],
      active: true,
    });
    expect(String(dnOf(ann)).toLowerCase()).toBe('uid=ann,ou=people,dc=example,dc=org');
    // dee lives in the disabled container: move-to-ou reads her as inactive.
    expect((await hubUser('dee')).resource.active).toBe(false);

    ids = Object.fromEntries(
      await Promise.all(['ann', 'bob', 'cy', 'dee'].map(async (name) => [name, (await hubUser(name)).id])),
    );
    // Each link holds the entryUUID, which is what keeps the user through renames and moves.
    const annEntry = await directory.entry('uid=ann,ou=people,dc=example,dc=org');
    expect(await engine.remoteIdOf('User', ids['ann']!)).toBe(String(annEntry?.['entryUUID']));
  });

  it('a full run of groups creates hub groups with their members resolved to hub users', async () => {
    const run = await engine.pull(rules, 'Group');
    expect(run.counts).toMatchObject({
      'source.objects': 2,
      'create.succeeded': 2,
      'memberships.updated': 2,
    });
    expect(await memberNames('engineering')).toEqual(['ann', 'bob']);
    expect(await memberNames('sales')).toEqual(['cy']);
  });

  it('a modify, a rename and a move arrive by an incremental run as updates of the same hub users', async () => {
    const before = await engine.store.hub.count('User');
    await directory.replace('uid=ann,ou=people,dc=example,dc=org', 'title', ['Architect']);
    await directory.admin.modifyDN('uid=bob,ou=people,dc=example,dc=org', 'uid=robert');
    await directory.admin.modifyDN(
      'uid=cy,ou=people,dc=example,dc=org',
      'uid=cy,ou=staff,ou=people,dc=example,dc=org',
    );

    const run = await engine.pull(rules, 'User', 'incremental');
    expect(run.mode).toBe('incremental');
    expect(run.status).toBe('succeeded');
    expect(writesOf(run)).toEqual({ 'planned.update': 3, 'update.succeeded': 3 });
    expect(await engine.store.hub.count('User')).toBe(before);

    expect((await hubUser('ann')).resource.title).toBe('Architect');
    // The rename: bob's hub user (same id) now has the new uid as userName; no user "bob" is left.
    const robert = await hubUser('robert');
    expect(robert.id).toBe(ids['bob']);
    expect(await engine.store.hub.findByUserName('bob')).toBeUndefined();
    // The move: the same hub user, still active, with its new DN.
    const cy = await hubUser('cy');
    expect(cy.id).toBe(ids['cy']);
    expect(cy.resource.active).toBe(true);
    expect(String(dnOf(cy)).toLowerCase()).toBe('uid=cy,ou=staff,ou=people,dc=example,dc=org');

    // refint rewrote the member DNs; the groups still hold the same hub users.
    await waitFor(
      async () =>
        (await directory.memberDns('cn=engineering,ou=groups,dc=example,dc=org')).includes(
          'uid=robert,ou=people,dc=example,dc=org',
        ),
      'refint renames bob in engineering',
    );
    await engine.pull(rules, 'Group', 'incremental');
    expect(await memberNames('engineering')).toEqual(['ann', 'robert']);
    expect(await memberNames('sales')).toEqual(['cy']);
  });

  it('a delete, found in the accesslog, disables the hub user and takes it out of its groups', async () => {
    await directory.admin.del('uid=ann,ou=people,dc=example,dc=org');
    const run = await engine.pull(rules, 'User', 'incremental');
    expect(run.mode).toBe('incremental');
    expect(writesOf(run)).toEqual({ 'planned.disable': 1, 'disable.succeeded': 1 });
    const ann = await hubUser('ann');
    expect(ann.id).toBe(ids['ann']);
    expect(ann.resource.active).toBe(false);

    await waitFor(
      async () => (await directory.memberDns('cn=engineering,ou=groups,dc=example,dc=org')).length === 1,
      'refint removes ann',
    );
    const groups = await engine.pull(rules, 'Group', 'incremental');
    expect(groups.counts).toMatchObject({ 'memberships.updated': 1 });
    expect(await memberNames('engineering')).toEqual(['robert']);
  });

  it('incremental runs with nothing changed, then full runs, find the hub already converged', async () => {
    const versions = async () =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(ids).map(async ([name, id]) => [
            name,
            (await engine.store.hub.get('User', id))?.version,
          ]),
        ),
      );
    const before = await versions();
    const quiet = await engine.pull(rules, 'User', 'incremental');
    expect(writesOf(quiet)).toEqual({});

    const users = await engine.pull(rules, 'User', 'full');
    expect(users.mode).toBe('full');
    // Three entries remain (robert, cy, dee); ann's hub user stays, disabled, and is not touched again.
    expect(users.counts['source.objects']).toBe(3);
    expect(writesOf(users)).toEqual({});
    const groups = await engine.pull(rules, 'Group', 'full');
    expect(writesOf(groups)).toEqual({});
    expect(await versions()).toEqual(before);
    expect(await engine.store.hub.count('User')).toBe(4);
    expect(await memberNames('engineering')).toEqual(['robert']);
  });
});
