import { afterAll, describe, expect, it } from '@jest/globals';
import { GROUP_SCHEMA, USER_SCHEMA } from '@idsync/scim';
import { poll } from '../testing/changes.js';
import { startTestDirectory } from '../testing/test-directory.js';
import { deleteDetectionOf } from './change-token.js';

/*
 * Incremental change detection against a real slapd with the accesslog overlay: timestamp
 * polling with de-duplication, deletes from cn=accesslog, and checkpoints that survive a new
 * connector instance (a restart).
 */
const directory = await startTestDirectory({
  seed: 'dn: ou=former,dc=example,dc=org\nobjectClass: organizationalUnit\nou: former\n',
});
afterAll(() => directory.stop());

let counter = 0;
const user = (prefix: string) => {
  const name = `${prefix}${counter++}`;
  return { schemas: [USER_SCHEMA], userName: name, displayName: `User ${name}` };
};

describe('incremental changes by timestamp polling', () => {
  it('reports each add and modify exactly once, also when polls re-read the same seconds', async () => {
    // A 60-second overlap makes every poll re-read everything written in this test, so only the
    // checkpoint's record of what was reported keeps changes from coming twice.
    const connector = directory.connector({ changeOverlapSeconds: 60 });
    let token = await connector.latestToken('User');
    const a = await connector.create('User', user('same'));
    const b = await connector.create('User', user('same'));
    let polled = await poll(connector, 'User', token);
    expect([...polled.upserts].sort()).toEqual([a.remoteId, b.remoteId].sort());
    token = polled.token;

    const c = await connector.create('User', user('same'));
    polled = await poll(connector, 'User', token);
    expect(polled.upserts).toEqual([c.remoteId]);
    token = polled.token;

    await connector.patch('User', a.remoteId, [{ op: 'replace', path: 'displayName', value: 'Changed' }]);
    polled = await poll(connector, 'User', token);
    expect(polled.upserts).toEqual([a.remoteId]);
    const reported = polled.batches
      .flatMap((batch) => batch.changes)
      .find((change) => change.kind === 'upsert');
    expect(reported?.kind === 'upsert' && reported.object.resource['displayName']).toBe('Changed');
    // Two changes of one entry within a second are two changes (entryCSN differs).
    await connector.patch('User', a.remoteId, [
      { op: 'replace', path: 'displayName', value: 'Changed again' },
    ]);
    polled = await poll(connector, 'User', polled.token);
    expect(polled.upserts).toEqual([a.remoteId]);

    expect((await poll(connector, 'User', polled.token)).upserts).toEqual([]);
  });

  it('does the same with the default overlap', async () => {
    const connector = directory.connector();
    let token = await connector.latestToken('User');
    const made: string[] = [];
    for (let round = 0; round < 3; round++) {
      const created = await connector.create('User', user('round'));
      made.push(created.remoteId);
      const polled = await poll(connector, 'User', token);
      expect(polled.upserts).toEqual([created.remoteId]);
      token = polled.token;
    }
    expect(new Set(made).size).toBe(3);
  });

  it('resumes from the stored token with a new connector instance (a restart)', async () => {
    const first = directory.connector();
    const token = await first.latestToken('User');
    await first.close();
    const created = await directory.connector().create('User', user('restart'));
    const polled = await poll(directory.connector(), 'User', token);
    expect(polled.upserts).toEqual([created.remoteId]);
  });

  it('keeps users and groups apart', async () => {
    const connector = directory.connector();
    const userToken = await connector.latestToken('User');
    const groupToken = await connector.latestToken('Group');
    const group = await connector.create('Group', { schemas: [GROUP_SCHEMA], displayName: `g${counter++}` });
    expect((await poll(connector, 'User', userToken)).upserts).toEqual([]);
    expect((await poll(connector, 'Group', groupToken)).upserts).toEqual([group.remoteId]);
    await expect(poll(connector, 'Group', userToken)).rejects.toMatchObject({ code: 'invalid' });
  });

  it('refuses a token made for another layout', async () => {
    const token = await directory.connector().latestToken('User');
    const other = directory.connector({ userFilter: '(objectClass=person)' });
    await expect(poll(other, 'User', token)).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/full reconciliation/),
    });
  });

  it('reports more changes than fit in one batch in several batches, each resumable', async () => {
    const connector = directory.connector({ maxChangesPerBatch: 4, changeOverlapSeconds: 1 });
    const token = await connector.latestToken('User');
    const made: string[] = [];
    // Three bursts in different seconds, so the poll has time windows to split them into.
    for (let burst = 0; burst < 3; burst++) {
      const firstSecond = await currentSecond();
      for (let i = 0; i < 3; i++) made.push((await connector.create('User', user('burst'))).remoteId);
      while ((await currentSecond()) < firstSecond + 2)
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const polled = await poll(connector, 'User', token);
    expect(polled.batches.length).toBeGreaterThan(1);
    expect(polled.batches.every((batch) => batch.changes.length <= 4)).toBe(true);
    expect([...polled.upserts].sort()).toEqual([...made].sort());
    for (const [index, batch] of polled.batches.entries()) {
      const before = new Set(
        polled.batches
          .slice(0, index + 1)
          .flatMap((b) => b.changes.map((c) => (c.kind === 'upsert' ? c.object.remoteId : ''))),
      );
      const resumed = await poll(connector, 'User', batch.token);
      expect(resumed.upserts.filter((id) => before.has(id))).toEqual([]);
    }
  }, 60_000);
});

/** The server's clock, read from a fresh entry's modifyTimestamp (whole seconds since the epoch). */
async function currentSecond(): Promise<number> {
  const dn = `cn=clock${counter++},${directory.ldap.baseDN}`;
  await directory.admin.add(dn, { objectClass: 'organizationalRole', cn: dn.slice(3, dn.indexOf(',')) });
  const { searchEntries } = await directory.admin.search(dn, {
    scope: 'base',
    attributes: ['modifyTimestamp'],
  });
  await directory.admin.del(dn);
  const text = String(searchEntries[0]!['modifyTimestamp']);
  return (
    Date.UTC(
      +text.slice(0, 4),
      +text.slice(4, 6) - 1,
      +text.slice(6, 8),
      +text.slice(8, 10),
      +text.slice(10, 12),
      +text.slice(12, 14),
    ) / 1000
  );
}

describe('deletions from the accesslog', () => {
  it('reports deleted users as deletes, with a token that says so', async () => {
    const connector = directory.connector();
    const created = await connector.create('User', user('gone'));
    const token = await connector.latestToken('User');
    expect(deleteDetectionOf(token)).toBe('accesslog');
    await connector.delete('User', created.remoteId);
    const polled = await poll(connector, 'User', token);
    expect(polled.deletes).toEqual([created.remoteId]);
    expect(polled.upserts).toEqual([]);
    expect((await poll(connector, 'User', polled.token)).deletes).toEqual([]);
  });

  it('reports a group deletion only to groups', async () => {
    const connector = directory.connector();
    const group = await connector.create('Group', {
      schemas: [GROUP_SCHEMA],
      displayName: `doomed${counter++}`,
    });
    const userToken = await connector.latestToken('User');
    const groupToken = await connector.latestToken('Group');
    await connector.delete('Group', group.remoteId);
    expect((await poll(connector, 'User', userToken)).deletes).toEqual([]);
    expect((await poll(connector, 'Group', groupToken)).deletes).toEqual([group.remoteId]);
  });

  it('reports a move out of the searched subtree as a delete, and a rename inside it as an update', async () => {
    const connector = directory.connector();
    const moved = await connector.create('User', user('leaver'));
    const renamed = await connector.create('User', user('stayer'));
    const token = await connector.latestToken('User');
    const [entry] = (
      await directory.admin.search(directory.ldap.peopleDN, {
        filter: `(entryUUID=${moved.remoteId})`,
        attributes: ['1.1'],
      })
    ).searchEntries;
    await directory.admin.modifyDN(entry!.dn, `uid=leaver,ou=former,${directory.ldap.baseDN}`);
    await connector.patch('User', renamed.remoteId, [
      { op: 'replace', path: 'userName', value: `renamed${counter++}` },
    ]);
    const polled = await poll(connector, 'User', token);
    expect(polled.deletes).toEqual([moved.remoteId]);
    expect(polled.upserts).toEqual([renamed.remoteId]);
  });

  it('refuses a checkpoint older than what the accesslog still holds', async () => {
    const connector = directory.connector();
    const token = await connector.latestToken('User');
    const [prefix, mode, payload] = token.split('.') as [string, string, string];
    const state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { d: unknown[] };
    state.d[0] = 0; // a floor in 1970: no record that old exists, as after logpurge
    const purged = `${prefix}.${mode}.${Buffer.from(JSON.stringify(state)).toString('base64url')}`;
    await expect(poll(connector, 'User', purged)).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/purged/),
    });
  });
});
