import { afterAll, describe, expect, it } from '@jest/globals';
import { filterBuilders, GROUP_SCHEMA, USER_SCHEMA } from '@idsync/scim';
import { startTestDirectory } from '../testing/test-directory.js';

/*
 * Values built from data stay literal in filters (RFC 4515) and DNs (RFC 4514), against a real
 * slapd: an injection attempt finds only the entry that literally carries it, and a name full of
 * DN specials names one entry directly below its container.
 */
const directory = await startTestDirectory();
afterAll(() => directory.stop());

const connector = directory.connector();
const bystanders = await Promise.all(
  ['alice', 'bob', 'carol'].map((name) =>
    connector.create('User', {
      schemas: [USER_SCHEMA],
      userName: name,
      emails: [{ value: `${name}@example.org`, type: 'work' }],
    }),
  ),
);

async function childrenOfPeople(): Promise<{ dn: string; uid: string[] }[]> {
  const { searchEntries } = await directory.admin.search(directory.ldap.peopleDN, {
    scope: 'one',
    attributes: ['uid'],
  });
  return searchEntries.map((entry) => ({ dn: entry.dn, uid: [entry['uid'] ?? []].flat().map(String) }));
}

describe('filter values stay literal', () => {
  it.each(['*)(uid=*', '*', 'back\\slash', 'paren(s)', 'star*in*middle'])(
    'finds only the user named %j',
    async (name) => {
      const created = await connector.create('User', { schemas: [USER_SCHEMA], userName: name });
      const found = await connector.find('User', filterBuilders.eq('userName', name));
      expect(found.map((object) => object.remoteId)).toEqual([created.remoteId]);
      expect(found[0]?.resource['userName']).toBe(name);
    },
  );

  it('matches substrings literally', async () => {
    const found = await connector.find('User', filterBuilders.sw('userName', '*'));
    const names = found.map((object) => object.resource['userName']);
    expect(names.every((name) => String(name).startsWith('*'))).toBe(true);
    expect(names).not.toContain('alice');
    const contains = await connector.find('User', filterBuilders.co('userName', '*in*'));
    expect(contains.map((object) => object.resource['userName'])).toEqual(['star*in*middle']);
  });

  it('keeps a NUL byte literal: no match instead of a truncated filter', async () => {
    expect(await connector.find('User', filterBuilders.eq('userName', 'alice\u0000*'))).toEqual([]);
    expect(await connector.find('User', filterBuilders.sw('userName', '\u0000'))).toEqual([]);
  });

  it('keeps values literal inside value paths and logical filters', async () => {
    const filter = filterBuilders.or(filterBuilders.eq('userName', 'nobody)(|(uid=*'), {
      kind: 'valuePath',
      path: { attribute: 'emails' },
      filter: filterBuilders.and(filterBuilders.eq('type', 'work'), filterBuilders.eq('value', '*')),
    });
    expect(await connector.find('User', filter)).toEqual([]);
    const bob = await connector.find('User', {
      kind: 'valuePath',
      path: { attribute: 'emails' },
      filter: filterBuilders.eq('value', 'bob@example.org'),
    });
    expect(bob.map((object) => object.remoteId)).toEqual([bystanders[1]!.remoteId]);
  });
});

describe('DN values stay literal', () => {
  it.each([
    'a,b+c"d\\e<f>g;h=i',
    '#hash first',
    ' space first',
    'space last ',
    'x,ou=groups,dc=example,dc=org',
  ])('creates, renames and deletes a user named %j as one entry below ou=people', async (name) => {
    const created = await connector.create('User', { schemas: [USER_SCHEMA], userName: name });
    const mine = (await childrenOfPeople()).filter((child) => child.uid.includes(name));
    expect(mine).toHaveLength(1);
    expect((await connector.get('User', created.remoteId))?.resource['userName']).toBe(name);

    const renamed = `${name}+renamed`;
    await connector.patch('User', created.remoteId, [{ op: 'replace', path: 'userName', value: renamed }]);
    expect((await childrenOfPeople()).filter((child) => child.uid.includes(renamed))).toHaveLength(1);
    expect((await connector.get('User', created.remoteId))?.resource['userName']).toBe(renamed);

    await connector.delete('User', created.remoteId);
    expect(await connector.get('User', created.remoteId)).toBeUndefined();
  });

  it('creates a group named with DN specials in its own container, and its members resolve', async () => {
    const group = await connector.create('Group', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Sales, Berlin + "Team" <b>;=',
      members: bystanders.map((user) => ({ value: user.remoteId })),
    });
    const { searchEntries } = await directory.admin.search(directory.ldap.groupsDN, {
      scope: 'one',
      filter: '(cn=Sales, Berlin*)',
      attributes: ['cn'],
    });
    expect(searchEntries).toHaveLength(1);
    expect(searchEntries[0]!['cn']).toBe('Sales, Berlin + "Team" <b>;=');
    const members: string[] = [];
    await new Promise<void>((resolve, reject) =>
      connector
        .readMembers(group.remoteId)
        .subscribe({ next: (page) => members.push(...page), error: reject, complete: resolve }),
    );
    expect(members.sort()).toEqual(bystanders.map((user) => user.remoteId).sort());
  });

  it('writes a NUL in a name as an escaped DN value and finds it by the exact value', async () => {
    const name = 'nul\u0000byte';
    const created = await connector.create('User', { schemas: [USER_SCHEMA], userName: name });
    const mine = (await childrenOfPeople()).filter((child) => child.uid.includes(name));
    expect(mine.map((child) => child.dn)).toEqual(['uid=nul\\00byte,ou=people,dc=example,dc=org']);
    expect(
      (await connector.find('User', filterBuilders.eq('userName', name))).map((object) => object.remoteId),
    ).toEqual([created.remoteId]);
    expect(await connector.find('User', filterBuilders.eq('userName', 'nul'))).toEqual([]);
  });
});
