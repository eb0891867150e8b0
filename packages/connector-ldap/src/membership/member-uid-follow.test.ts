import { afterAll, describe, expect, it } from '@jest/globals';
import { GROUP_SCHEMA, USER_SCHEMA } from '@idsync/scim';
import { Attribute, Change } from 'ldapts';
import { collect } from '../testing/collect.js';
import { startTestDirectory } from '../testing/test-directory.js';

/*
 * posixGroup memberUid values are uids, which refint does not maintain. When the connector
 * renames a user's uid or deletes the user, it updates the groups itself; these tests read the
 * stored memberUid values straight from slapd.
 */
const directory = await startTestDirectory();
afterAll(() => directory.stop());

const POSIX = 'urn:example:params:scim:schemas:extension:posix:2.0:Group';
const posix = {
  groupObjectClasses: ['top', 'posixGroup'],
  groupAttributeMap: [`gidNumber=${POSIX}:gidNumber`],
};
const group = (displayName: string, members: readonly string[] = []) => ({
  schemas: [GROUP_SCHEMA, POSIX],
  displayName,
  [POSIX]: { gidNumber: '7000' },
  members: members.map((value) => ({ value })),
});
const user = (userName: string) => ({ schemas: [USER_SCHEMA], userName, displayName: userName });

async function memberUids(displayName: string): Promise<string[]> {
  const { searchEntries } = await directory.admin.search(directory.ldap.groupsDN, {
    filter: `(cn=${displayName})`,
    attributes: ['memberUid'],
  });
  return [searchEntries[0]?.['memberUid'] ?? []].flat().map(String).sort();
}

describe('memberUid follows the users the connector renames and deletes', () => {
  it("replaces a renamed user's old uid with the new one in every group listing it", async () => {
    const connector = directory.connector(posix);
    const ann = await connector.create('User', user('ann'));
    const bob = await connector.create('User', user('bob'));
    const both = await connector.create('Group', group('rename-both', [ann.remoteId, bob.remoteId]));
    await connector.create('Group', group('rename-ann', [ann.remoteId]));
    await connector.create('Group', group('rename-bob', [bob.remoteId]));

    await connector.patch('User', ann.remoteId, [{ op: 'replace', path: 'userName', value: 'anna' }]);

    expect(await memberUids('rename-both')).toEqual(['anna', 'bob']);
    expect(await memberUids('rename-ann')).toEqual(['anna']);
    expect(await memberUids('rename-bob')).toEqual(['bob']);
    // The ids still resolve, through the new uid.
    expect(new Set((await collect(connector.readMembers(both.remoteId))).flat())).toEqual(
      new Set([ann.remoteId, bob.remoteId]),
    );
  });

  it('removes the old uid without adding a duplicate when the group already lists the new one', async () => {
    const connector = directory.connector(posix);
    const cy = await connector.create('User', user('cy'));
    await connector.create('Group', group('already-there', [cy.remoteId]));
    // Someone outside idsync already put the future uid in.
    const { searchEntries } = await directory.admin.search(directory.ldap.groupsDN, {
      filter: '(cn=already-there)',
      attributes: ['1.1'],
    });
    await directory.admin.modify(
      searchEntries[0]!.dn,
      new Change({ operation: 'add', modification: new Attribute({ type: 'memberUid', values: ['cyrus'] }) }),
    );
    await connector.replace('User', cy.remoteId, user('cyrus'));
    expect(await memberUids('already-there')).toEqual(['cyrus']);
  });

  it("removes a deleted user's uid from every group, and leaves the other members", async () => {
    const connector = directory.connector(posix);
    const dee = await connector.create('User', user('dee'));
    const eve = await connector.create('User', user('eve'));
    const team = await connector.create('Group', group('delete-team', [dee.remoteId, eve.remoteId]));
    await connector.create('Group', group('delete-solo', [dee.remoteId]));

    await connector.delete('User', dee.remoteId);

    expect(await memberUids('delete-team')).toEqual(['eve']);
    expect(await memberUids('delete-solo')).toEqual([]);
    expect((await collect(connector.readMembers(team.remoteId))).flat()).toEqual([eve.remoteId]);
  });

  it('leaves memberUid values alone when a user is updated without a uid change', async () => {
    const connector = directory.connector(posix);
    const fay = await connector.create('User', user('fay'));
    await connector.create('Group', group('no-change', [fay.remoteId]));
    await connector.patch('User', fay.remoteId, [{ op: 'replace', path: 'displayName', value: 'Fay F.' }]);
    expect(await memberUids('no-change')).toEqual(['fay']);
  });
});
