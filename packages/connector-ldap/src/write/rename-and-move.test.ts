import { afterAll, describe, expect, it } from '@jest/globals';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '@idsync/scim';
import { poll } from '../testing/changes.js';
import { startTestDirectory } from '../testing/test-directory.js';

/*
 * Renames and moves against a real slapd: the entry keeps its entryUUID, so idsync keeps its
 * link; incremental polling reports an update, not a delete and a create.
 */
const directory = await startTestDirectory({
  seed: ['sales', 'support']
    .map((ou) => `dn: ou=${ou},ou=people,dc=example,dc=org\nobjectClass: organizationalUnit\nou: ${ou}\n`)
    .join('\n'),
});
afterAll(() => directory.stop());

const DEPARTMENT = `${ENTERPRISE_USER_SCHEMA}:department`;
const byDepartment = { userNamingTemplate: `uid={userName},ou={${DEPARTMENT}},ou=people,dc=example,dc=org` };

async function dnOf(remoteId: string): Promise<string | undefined> {
  const { searchEntries } = await directory.admin.search(directory.ldap.baseDN, {
    filter: `(entryUUID=${remoteId})`,
    attributes: ['1.1'],
  });
  return searchEntries[0]?.dn;
}

describe('renames and moves', () => {
  it('renames the entry when userName changes and keeps its identity', async () => {
    const connector = directory.connector();
    const created = await connector.create('User', {
      schemas: [USER_SCHEMA],
      userName: 'before',
      displayName: 'Before',
    });
    const token = await connector.latestToken('User');
    await connector.patch('User', created.remoteId, [{ op: 'replace', path: 'userName', value: 'after' }]);
    expect(await dnOf(created.remoteId)).toBe('uid=after,ou=people,dc=example,dc=org');
    const found = await connector.get('User', created.remoteId);
    expect(found?.resource['userName']).toBe('after');
    expect(found?.resource['displayName']).toBe('Before');
    const polled = await poll(connector, 'User', token);
    expect(polled.upserts).toEqual([created.remoteId]);
    expect(polled.deletes).toEqual([]);
  });

  it('moves the entry when the container in the naming template changes', async () => {
    const connector = directory.connector(byDepartment);
    const created = await connector.create('User', {
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: 'mover',
      [ENTERPRISE_USER_SCHEMA]: { department: 'sales' },
    });
    expect(await dnOf(created.remoteId)).toBe('uid=mover,ou=sales,ou=people,dc=example,dc=org');
    const token = await connector.latestToken('User');
    await connector.patch('User', created.remoteId, [{ op: 'replace', path: DEPARTMENT, value: 'support' }]);
    expect(await dnOf(created.remoteId)).toBe('uid=mover,ou=support,ou=people,dc=example,dc=org');
    expect((await connector.get('User', created.remoteId))?.resource[ENTERPRISE_USER_SCHEMA]).toMatchObject({
      department: 'support',
    });
    const polled = await poll(connector, 'User', token);
    expect(polled.upserts).toEqual([created.remoteId]);
    expect(polled.deletes).toEqual([]);
  });

  it('renames and moves in one modrdn when both change', async () => {
    const connector = directory.connector(byDepartment);
    const created = await connector.create('User', {
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: 'both',
      [ENTERPRISE_USER_SCHEMA]: { department: 'sales' },
    });
    await connector.replace('User', created.remoteId, {
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: 'both2',
      [ENTERPRISE_USER_SCHEMA]: { department: 'support' },
    });
    expect(await dnOf(created.remoteId)).toBe('uid=both2,ou=support,ou=people,dc=example,dc=org');
  });

  it('leaves entries in their container when moveEntries is off', async () => {
    const connector = directory.connector({ ...byDepartment, moveEntries: false });
    const created = await connector.create('User', {
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: 'stayer',
      [ENTERPRISE_USER_SCHEMA]: { department: 'sales' },
    });
    await connector.patch('User', created.remoteId, [{ op: 'replace', path: DEPARTMENT, value: 'support' }]);
    expect(await dnOf(created.remoteId)).toBe('uid=stayer,ou=sales,ou=people,dc=example,dc=org');
    await connector.patch('User', created.remoteId, [{ op: 'replace', path: 'userName', value: 'stayer2' }]);
    expect(await dnOf(created.remoteId)).toBe('uid=stayer2,ou=sales,ou=people,dc=example,dc=org');
  });

  it('refuses a rename onto an existing entry with conflict and changes nothing', async () => {
    const connector = directory.connector();
    await connector.create('User', { schemas: [USER_SCHEMA], userName: 'taken' });
    const other = await connector.create('User', {
      schemas: [USER_SCHEMA],
      userName: 'free',
      displayName: 'Free',
    });
    await expect(
      connector.replace('User', other.remoteId, {
        schemas: [USER_SCHEMA],
        userName: 'taken',
        displayName: 'Changed',
      }),
    ).rejects.toMatchObject({ code: 'conflict', remoteStatus: 68 });
    const unchanged = await connector.get('User', other.remoteId);
    expect(unchanged?.resource).toMatchObject({ userName: 'free', displayName: 'Free' });
  });

  it('renames a group when its displayName changes and keeps its members', async () => {
    const connector = directory.connector();
    const member = await connector.create('User', { schemas: [USER_SCHEMA], userName: 'member' });
    const group = await connector.create('Group', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Old name',
      members: [{ value: member.remoteId }],
    });
    await connector.patch('Group', group.remoteId, [
      { op: 'replace', path: 'displayName', value: 'New name' },
    ]);
    expect(await dnOf(group.remoteId)).toBe('cn=New name,ou=groups,dc=example,dc=org');
    expect((await connector.get('Group', group.remoteId))?.resource['displayName']).toBe('New name');
    const members: string[] = [];
    await new Promise<void>((resolve, reject) =>
      connector
        .readMembers(group.remoteId)
        .subscribe({ next: (page) => members.push(...page), error: reject, complete: resolve }),
    );
    expect(members).toEqual([member.remoteId]);
  });

  it('keeps a renamed member in its groups (refint) and reports it under the same id', async () => {
    const connector = directory.connector();
    const member = await connector.create('User', { schemas: [USER_SCHEMA], userName: 'renamedmember' });
    const group = await connector.create('Group', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Team',
      members: [{ value: member.remoteId }],
    });
    await connector.patch('User', member.remoteId, [
      { op: 'replace', path: 'userName', value: 'renamedmember2' },
    ]);
    // refint rewrites member DNs in the background; wait for it (bounded).
    let stored = '';
    for (let attempt = 0; attempt < 50 && !stored.startsWith('uid=renamedmember2'); attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      const { searchEntries } = await directory.admin.search(`cn=Team,${directory.ldap.groupsDN}`, {
        scope: 'base',
        attributes: ['member'],
      });
      stored = String(searchEntries[0]?.['member']);
    }
    expect(stored).toBe('uid=renamedmember2,ou=people,dc=example,dc=org');
    // A fresh connector has no cached DN, so the new DN is resolved from the directory.
    const members: string[] = [];
    await new Promise<void>((resolve, reject) =>
      directory
        .connector()
        .readMembers(group.remoteId)
        .subscribe({ next: (page) => members.push(...page), error: reject, complete: resolve }),
    );
    expect(members).toEqual([member.remoteId]);
  });
});
