import { describe, expect, it } from '@jest/globals';
import { ConnectorError, type ChangeBatch, type ConnectorErrorCode } from '@idsync/core';
import { filterBuilders, parseFilter } from '@idsync/scim';
import { lastValueFrom, toArray, type Observable } from 'rxjs';
import { group, setUpReference, TEST_ACCESS_KEY, user } from './reference-test-setup.js';

const all = <T>(stream: Observable<T>): Promise<T[]> => lastValueFrom(stream.pipe(toArray()));

async function codeOf(action: Promise<unknown>): Promise<ConnectorErrorCode | string> {
  try {
    await action;
    return 'no error';
  } catch (error) {
    return error instanceof ConnectorError ? error.code : `not a ConnectorError: ${String(error)}`;
  }
}

describe('ReferenceConnector: connection', () => {
  it('reports reach, authentication and what the store holds', async () => {
    const { connector, store } = setUpReference();
    store.insert('User', { attributes: { userName: 'ada' } });
    const result = await connector.testConnection();
    expect(result.ok).toBe(true);
    expect(result.checks.map((check) => check.name)).toEqual(['reach', 'authenticate', 'discover']);
    expect(result.checks[2]?.detail).toMatch(/1 users and 0 groups/);
  });

  it('reports an unreachable store without throwing, and operations fail as unavailable', async () => {
    const { connector, store } = setUpReference();
    store.setReachable(false);
    const result = await connector.testConnection();
    expect(result).toEqual({ ok: false, checks: [expect.objectContaining({ name: 'reach', ok: false })] });
    const error = await connector.get('User', 'x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      code: 'unavailable',
      retryable: true,
      connectionLevel: true,
      remoteStatus: 'ECONNREFUSED',
    });
  });

  it('reports bad credentials without showing the key, and operations fail as unauthorized', async () => {
    const { connector, store } = setUpReference();
    store.setAccessKey('rotated-key-99');
    const result = await connector.testConnection();
    expect(result.ok).toBe(false);
    expect(result.checks[1]).toMatchObject({ name: 'authenticate', ok: false });
    expect(JSON.stringify(result)).not.toContain(TEST_ACCESS_KEY);
    expect(JSON.stringify(result)).not.toContain('rotated-key-99');
    expect(await codeOf(connector.create('User', user('ada')))).toBe('unauthorized');
  });

  it('refuses work after close', async () => {
    const { connector } = setUpReference();
    await connector.close();
    expect(await codeOf(connector.get('User', 'x'))).toBe('unavailable');
  });
});

describe('ReferenceConnector: objects', () => {
  it('refuses a userName that differs only in case as a conflict', async () => {
    const { connector } = setUpReference();
    await connector.create('User', user('Ada.Lovelace'));
    const error = await connector.create('User', user('ada.lovelace')).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'conflict', remoteStatus: 409, retryable: false });
    expect((error as Error).message).toMatch(/create User on reference store "hr".*already exists/);
  });

  it('refuses attributes no schema defines, and group members outside the membership operations', async () => {
    const { connector } = setUpReference();
    expect(await codeOf(connector.create('User', user('ada', { shoeSize: 42 })))).toBe('invalid');
    const created = await connector.create('User', user('bob'));
    const withMembers = connector.create('Group', {
      ...group('Admins'),
      members: [{ value: created.remoteId }],
    });
    await expect(withMembers).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/only through addMembers\/removeMembers/),
    });
    const admins = await connector.create('Group', group('Admins'));
    const patched = connector.patch('Group', admins.remoteId, [
      { op: 'add', path: 'members', value: [{ value: created.remoteId }] },
    ]);
    expect(await codeOf(patched)).toBe('invalid');
  });

  it('takes a password on create but never returns it', async () => {
    const { connector, store } = setUpReference();
    const created = await connector.create('User', user('ada', { password: 'Tr0ub4dor&3' }));
    expect(JSON.stringify(created)).not.toContain('Tr0ub4dor&3');
    expect(JSON.stringify(await connector.get('User', created.remoteId))).not.toContain('Tr0ub4dor&3');
    expect(store.checkPassword(created.remoteId, 'Tr0ub4dor&3')).toBe(true);
  });

  it('finds by any SCIM filter, schema-aware', async () => {
    const { connector } = setUpReference();
    await connector.create(
      'User',
      user('ada', { title: 'Engineer', emails: [{ value: 'ada@x.org', type: 'work' }] }),
    );
    await connector.create('User', user('bob', { title: 'Manager' }));
    const byEmail = await connector.find('User', parseFilter('emails[type eq "work" and value ew "@X.ORG"]'));
    expect(byEmail.map((object) => object.resource.userName)).toEqual(['ada']);
    const notEngineers = await connector.find('User', parseFilter('not (title eq "engineer")'));
    expect(notEngineers.map((object) => object.resource.userName)).toEqual(['bob']);
    expect(await connector.find('Group', filterBuilders.eq('displayName', 'ada'))).toEqual([]);
  });

  it('looks up many objects in one counted call: getMany by id, findEach by filter in order', async () => {
    const { connector, store } = setUpReference();
    const ada = await connector.create('User', user('ada', { title: 'Engineer' }));
    const bob = await connector.create('User', user('bob', { title: 'Engineer' }));
    store.faults.resetCounts();

    const byId = await connector.getMany('User', [bob.remoteId, 'absent', ada.remoteId]);
    expect([...byId.keys()].sort()).toEqual([ada.remoteId, bob.remoteId].sort());
    expect(byId.get(ada.remoteId)).toEqual(await connector.get('User', ada.remoteId));

    const answers = await connector.findEach('User', [
      filterBuilders.eq('userName', 'bob'),
      filterBuilders.eq('userName', 'nobody'),
      parseFilter('title eq "engineer"'),
    ]);
    expect(answers.map((matches) => matches.map((object) => object.resource.userName).sort())).toEqual([
      ['bob'],
      [],
      ['ada', 'bob'],
    ]);
    expect(store.faults.callCounts()).toMatchObject({ getMany: 1, findEach: 1, get: 1, find: 0 });
  });

  it('a fault about one object strikes the getMany that asks for it', async () => {
    const { connector, store } = setUpReference();
    const ada = await connector.create('User', user('ada'));
    const bob = await connector.create('User', user('bob'));
    store.faults.failForObject(bob.remoteId, new ConnectorError('unavailable', 'reset'), ['getMany']);
    expect(await codeOf(connector.getMany('User', [ada.remoteId, bob.remoteId]))).toBe('unavailable');
    expect((await connector.getMany('User', [ada.remoteId])).size).toBe(1);
  });

  it('disables users only, and a disable of a disabled user writes nothing', async () => {
    const { connector, store } = setUpReference();
    const created = await connector.create('User', user('ada', { active: true }));
    await connector.disable('User', created.remoteId);
    const position = store.latestChange();
    await connector.disable('User', created.remoteId);
    expect(store.latestChange()).toBe(position);
    expect((await connector.get('User', created.remoteId))?.resource.active).toBe(false);
    const admins = await connector.create('Group', group('Admins'));
    expect(await codeOf(connector.disable('Group', admins.remoteId))).toBe('unsupported');
  });

  it('a patch that changes nothing writes nothing', async () => {
    const { connector, store } = setUpReference();
    const created = await connector.create('User', user('ada'));
    const position = store.latestChange();
    await connector.patch('User', created.remoteId, [
      { op: 'replace', path: 'displayName', value: 'Name of ada' },
    ]);
    expect(store.latestChange()).toBe(position);
  });

  it('refuses a page size that is not a positive integer', async () => {
    const { connector } = setUpReference();
    await expect(all(connector.read('User', { pageSize: 0 }))).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('ReferenceConnector: changes', () => {
  const ids = (batches: ChangeBatch[]) =>
    batches.flatMap((batch) =>
      batch.changes.map((change) =>
        change.kind === 'upsert' ? `upsert ${change.object.remoteId}` : `delete ${change.remoteId}`,
      ),
    );

  it('reports edits made outside idsync, including a member added in the store directly', async () => {
    const { connector, store } = setUpReference();
    const ada = await connector.create('User', user('ada'));
    const admins = await connector.create('Group', group('Admins'));
    const userToken = await connector.latestToken('User');
    const groupToken = await connector.latestToken('Group');
    store.modify('User', ada.remoteId, { title: 'Countess' });
    store.addMembers(admins.remoteId, [ada.remoteId]);
    const userChanges = await all(connector.changesSince('User', userToken));
    expect(ids(userChanges)).toEqual([`upsert ${ada.remoteId}`]);
    expect(userChanges[0]?.changes[0]).toMatchObject({ object: { resource: { title: 'Countess' } } });
    expect(ids(await all(connector.changesSince('Group', groupToken)))).toEqual([
      `upsert ${admins.remoteId}`,
    ]);
    expect(await all(connector.readMembers(admins.remoteId))).toEqual([[ada.remoteId]]);
  });

  it('skips an upsert of an object deleted since and reports the delete', async () => {
    const { connector } = setUpReference();
    const token = await connector.latestToken('User');
    const ada = await connector.create('User', user('ada'));
    await connector.delete('User', ada.remoteId);
    expect(ids(await all(connector.changesSince('User', token)))).toEqual([`delete ${ada.remoteId}`]);
  });

  it('moves the token past changes of the other type with one empty batch', async () => {
    const { connector } = setUpReference();
    const token = await connector.latestToken('User');
    await connector.create('Group', group('Admins'));
    const batches = await all(connector.changesSince('User', token));
    expect(batches).toHaveLength(1);
    expect(batches[0]?.changes).toEqual([]);
    expect(batches[0]?.token).not.toBe(token);
    expect(await all(connector.changesSince('User', batches[0]?.token as string))).toEqual([]);
  });

  it('refuses a token from before a compaction, telling the engine to reconcile fully', async () => {
    const { connector, store } = setUpReference();
    const token = await connector.latestToken('User');
    await connector.create('User', user('ada'));
    await connector.create('User', user('bob'));
    store.compactChangeLog();
    const error = await all(connector.changesSince('User', token)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'stale-token', remoteStatus: 410 });
    expect((error as Error).message).toMatch(/full reconciliation/);
    // A token taken after the compaction works.
    const fresh = await connector.latestToken('User');
    await connector.create('User', user('cy'));
    expect(ids(await all(connector.changesSince('User', fresh)))).toHaveLength(1);
  });

  it('refuses a token of another store instance', async () => {
    const first = setUpReference();
    const second = setUpReference();
    const token = await first.connector.latestToken('User');
    const error = await all(second.connector.changesSince('User', token)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'stale-token' });
    expect((error as Error).message).toMatch(/another instance of the store/);
  });
});

describe('ReferenceConnector: logging', () => {
  it('logs writes with the remote id and never the access key', async () => {
    const { connector, context } = setUpReference();
    const created = await connector.create('User', user('ada'));
    await connector.delete('User', created.remoteId);
    expect(context.lines.map((line) => line.fields?.remoteId)).toEqual([created.remoteId, created.remoteId]);
    expect(JSON.stringify(context.lines)).not.toContain(TEST_ACCESS_KEY);
  });
});
