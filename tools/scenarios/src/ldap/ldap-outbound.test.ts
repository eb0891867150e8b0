import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, type ScimResource } from '@idsync/scim';
import { LdapEngine, writesOf } from './ldap-engine.js';
import { PERSON_MAPPINGS, groupMappings, ldapRule } from './ldap-rules.js';
import { LdapTestDirectory, personLdif } from './ldap-test-directory.js';

/*
 * Hub → LDAP through the outbound engine against a real slapd: entries named by the naming
 * template, only changed attributes sent, a rename by modrdn when the RDN attribute changes,
 * the move-to-ou disable mode for a user leaving scope, groups with members in merge and
 * overwrite modes, and a rerun that plans and writes nothing. The steps build on each other.
 */
const PEOPLE = 'ou=people,dc=example,dc=org';
const GROUPS = 'ou=groups,dc=example,dc=org';
const DISABLED = 'ou=disabled,dc=example,dc=org';
const ENGINEERING = `cn=engineering,${GROUPS}`;

let directory: LdapTestDirectory;
let engine: LdapEngine;

const rules = [
  ldapRule(
    'outbound',
    'User',
    [...PERSON_MAPPINGS, { kind: 'direct', target: 'active', source: 'active', defaultIfEmpty: true }],
    { scope: { filter: 'userType eq "Employee"' } },
  ),
  ldapRule('outbound', 'Group', groupMappings),
];

beforeAll(async () => {
  // Over LDAPS, with a CA made for this test: the connection must verify the server with it.
  directory = await LdapTestDirectory.start({ tls: true, seed: personLdif(PEOPLE, 'outsider') });
  engine = await LdapEngine.start(directory, { config: { userNamingTemplate: `uid={userName},${PEOPLE}` } });
}, 180_000);

afterAll(async () => {
  await engine?.close();
  await directory?.stop();
});

const ids: Record<string, string> = {};

async function addHubUser(userName: string, given: string, family: string, title: string): Promise<void> {
  const population = await engine.store.hub.defaultPopulation();
  const resource: ScimResource = {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    userName,
    displayName: `${given} ${family}`,
    name: { givenName: given, familyName: family },
    title,
    userType: 'Employee',
    emails: [{ value: `${userName}@example.org`, type: 'work', primary: true }],
    active: true,
  };
  ids[userName] = (await engine.store.hub.create('User', population.id, resource)).id;
}

async function changeHub(
  type: 'User' | 'Group',
  id: string,
  changes: Record<string, unknown>,
): Promise<void> {
  const current = await engine.store.hub.get(type, id);
  if (!current) throw new Error(`no hub ${type} ${id}`);
  await engine.store.hub.replace(type, id, { ...current.resource, ...changes } as ScimResource);
}

const uuidAt = async (dn: string) => String((await directory.entry(dn))?.['entryUUID']);

describe('hub → LDAP through the outbound engine', () => {
  it('creates an entry per hub user in scope, named by the template, with the mapped attributes', async () => {
    await addHubUser('ada', 'Ada', 'Lovelace', 'Analyst');
    await addHubUser('grace', 'Grace', 'Hopper', 'Admiral');
    await addHubUser('linus', 'Linus', 'Torvalds', 'Maintainer');
    const run = await engine.push(rules, 'User');
    expect(run.status).toBe('succeeded');
    expect(writesOf(run)).toEqual({ 'planned.create': 3, 'create.succeeded': 3 });
    expect(engine.connection.config['urls']).toEqual([directory.ldap.ldapsUrl]);

    const ada = await directory.entry(`uid=ada,${PEOPLE}`);
    expect(ada).toMatchObject({
      uid: 'ada',
      displayName: 'Ada Lovelace',
      givenName: 'Ada',
      sn: 'Lovelace',
      title: 'Analyst',
      mail: 'ada@example.org',
    });
    // The link holds the entry's entryUUID: the identity that survives what follows.
    expect(await engine.remoteIdOf('User', ids['ada']!)).toBe(String(ada?.['entryUUID']));
  });

  it('userNames that look like filters or DNs stay literal, in the correlation search and in the DN', async () => {
    // Unescaped, the first would match every user when the engine correlates (an ambiguity
    // error or a wrong link), and the second would name an entry under ou=groups.
    await addHubUser('*)(uid=*', 'Star', 'Filter', 'Intruder');
    await addHubUser('mallory,ou=groups,dc=example,dc=org', 'Mallory', 'Dn', 'Intruder');
    const run = await engine.push(rules, 'User');
    expect(writesOf(run)).toEqual({ 'planned.create': 2, 'create.succeeded': 2 });
    const star = await directory.search(PEOPLE, '(uid=\\2a\\29\\28uid=\\2a)');
    expect(star.map((entry) => entry['uid'])).toEqual(['*)(uid=*']);
    const mallory = await directory.search(PEOPLE, '(sn=Dn)');
    expect(mallory).toHaveLength(1);
    expect(mallory[0]?.['uid']).toBe('mallory,ou=groups,dc=example,dc=org');
    expect(mallory[0]?.dn.toLowerCase()).toMatch(/^uid=mallory.*,ou=people,dc=example,dc=org$/);
    expect(await directory.search(GROUPS, '(objectClass=inetOrgPerson)')).toEqual([]);
    // Correlation and links hold: nothing more to do.
    expect(writesOf(await engine.push(rules, 'User', { plan: true }))).toEqual({});
  });

  it('sends only the attribute that changed', async () => {
    await changeHub('User', ids['ada']!, { title: 'Architect' });
    const mark = await directory.mark();
    const run = await engine.push(rules, 'User', { mode: 'incremental' });
    expect(run.mode).toBe('incremental');
    expect(writesOf(run)).toEqual({ 'planned.update': 1, 'update.succeeded': 1 });
    expect(await directory.writesSince(mark)).toEqual([
      { type: 'modify', dn: `uid=ada,${PEOPLE}`, attributes: ['title'] },
    ]);
    expect((await directory.entry(`uid=ada,${PEOPLE}`))?.['title']).toBe('Architect');
  });

  it('renames the entry (modrdn) when the naming attribute changes, keeping its entryUUID', async () => {
    const before = await uuidAt(`uid=grace,${PEOPLE}`);
    await changeHub('User', ids['grace']!, { userName: 'grace.hopper' });
    const mark = await directory.mark();
    const run = await engine.push(rules, 'User', { mode: 'incremental' });
    expect(writesOf(run)).toEqual({ 'planned.update': 1, 'update.succeeded': 1 });
    const writes = await directory.writesSince(mark);
    expect(writes.map((write) => write.type)).toEqual(['modrdn']);
    expect(writes[0]?.dn).toBe(`uid=grace,${PEOPLE}`);
    expect(await directory.entry(`uid=grace,${PEOPLE}`)).toBeUndefined();
    expect(await uuidAt(`uid=grace.hopper,${PEOPLE}`)).toBe(before);
    expect(await engine.remoteIdOf('User', ids['grace']!)).toBe(before);
  });

  it('disables a user who leaves the scope by moving the entry to the disabled container', async () => {
    const before = await uuidAt(`uid=linus,${PEOPLE}`);
    await changeHub('User', ids['linus']!, { userType: 'Contractor' });
    const run = await engine.push(rules, 'User', { mode: 'incremental' });
    expect(writesOf(run)).toEqual({ 'planned.disable': 1, 'disable.succeeded': 1 });
    expect(await directory.entry(`uid=linus,${PEOPLE}`)).toBeUndefined();
    expect(await uuidAt(`uid=linus,${DISABLED}`)).toBe(before);
    // The connector reads the account as disabled now: the mode is how it tells.
    expect((await engine.connector.get!('User', before))?.resource.active).toBe(false);
  });

  it('creates a group with its members, and in merge mode removes only members idsync added', async () => {
    const population = await engine.store.hub.defaultPopulation();
    const group = await engine.store.hub.create('Group', population.id, {
      schemas: [GROUP_SCHEMA],
      displayName: 'engineering',
      members: [
        { value: ids['ada']!, type: 'User' },
        { value: ids['grace']!, type: 'User' },
      ],
    });
    ids['engineering'] = group.id;
    const run = await engine.push(rules, 'Group');
    expect(run.counts).toMatchObject({ 'create.succeeded': 1 });
    expect(await directory.memberDns(ENGINEERING)).toEqual([
      `uid=ada,${PEOPLE}`,
      `uid=grace.hopper,${PEOPLE}`,
    ]);
    expect(await engine.remoteIdOf('Group', group.id)).toBe(await uuidAt(ENGINEERING));

    // Someone adds a member in LDAP, outside idsync; then grace leaves the hub group.
    await directory.replace(ENGINEERING, 'member', [
      `uid=ada,${PEOPLE}`,
      `uid=grace.hopper,${PEOPLE}`,
      `uid=outsider,${PEOPLE}`,
    ]);
    await changeHub('Group', group.id, { members: [{ value: ids['ada']!, type: 'User' }] });
    const merge = await engine.push(rules, 'Group', { mode: 'incremental' });
    expect(merge.counts).toMatchObject({ 'remove-members.succeeded': 1 });
    expect(await directory.memberDns(ENGINEERING)).toEqual([`uid=ada,${PEOPLE}`, `uid=outsider,${PEOPLE}`]);
  });

  it('in overwrite mode makes the LDAP group equal to the hub group', async () => {
    engine.setPreferences({ membershipHandling: 'overwrite' });
    const run = await engine.push(rules, 'Group');
    expect(run.status).toBe('succeeded');
    expect(await directory.memberDns(ENGINEERING)).toEqual([`uid=ada,${PEOPLE}`]);
  });

  it('a rerun plans nothing and writes nothing', async () => {
    const mark = await directory.mark();
    for (const type of ['User', 'Group'] as const) {
      expect(writesOf(await engine.push(rules, type, { plan: true }))).toEqual({});
      expect(writesOf(await engine.push(rules, type))).toEqual({});
      expect(writesOf(await engine.push(rules, type, { mode: 'incremental' }))).toEqual({});
    }
    expect(await directory.writesSince(mark)).toEqual([]);
  });
});
