import { describe, expect, it } from '@jest/globals';
import { ConnectorError } from '@idsync/core';
import { lastValueFrom, toArray } from 'rxjs';
import { setUpReference, user } from './reference-test-setup.js';

const rateLimited = () =>
  new ConnectorError('rate-limited', 'slow down', { remoteStatus: 429, retryAfterMs: 1500 });

describe('fault injection of the reference connector', () => {
  it('fails the next N calls of one operation, then lets calls through, counting every attempt', async () => {
    const { connector, store } = setUpReference();
    store.faults.failNext('create', rateLimited, 2);
    await expect(connector.create('User', user('ada'))).rejects.toMatchObject({
      code: 'rate-limited',
      retryAfterMs: 1500,
    });
    await expect(connector.create('User', user('ada'))).rejects.toMatchObject({ code: 'rate-limited' });
    await expect(connector.create('User', user('ada'))).resolves.toMatchObject({ type: 'User' });
    expect(store.faults.callCount('create')).toBe(3);
    // The failed attempts wrote nothing.
    expect(store.count('User')).toBe(1);
  });

  it('fails every call about one object, found by remote id or by userName, and only that object', async () => {
    const { connector, store } = setUpReference();
    const bob = await connector.create('User', user('bob'));
    const unavailable = new ConnectorError('unavailable', 'shard down');
    store.faults.failForObject('ADA', unavailable).failForObject(bob.remoteId, unavailable, ['patch']);
    await expect(connector.create('User', user('ada'))).rejects.toBe(unavailable);
    await expect(connector.create('User', user('cy'))).resolves.toBeDefined();
    await expect(
      connector.patch('User', bob.remoteId, [{ op: 'replace', path: 'title', value: 'x' }]),
    ).rejects.toBe(unavailable);
    await expect(connector.get('User', bob.remoteId)).resolves.toBeDefined();
    store.faults.clear();
    await expect(connector.create('User', user('ada'))).resolves.toBeDefined();
  });

  it('simulates a crash after the write: the store has the object, the caller got an error', async () => {
    const { connector, store } = setUpReference();
    store.faults.onStep((step) => {
      if (step.operation === 'create' && step.phase === 'after-write') throw new Error('process killed');
    });
    await expect(connector.create('User', user('ada'))).rejects.toThrow('process killed');
    expect(store.findByName('User', 'ada')).toBeDefined();
    // What a restarted engine would do next: correlate, then find the object instead of creating it again.
    expect(
      await connector.find('User', {
        kind: 'comparison',
        path: { attribute: 'userName' },
        operator: 'eq',
        value: 'ada',
      }),
    ).toHaveLength(1);
  });

  it('fails a read part-way through, after the first page was delivered', async () => {
    const { connector, store } = setUpReference(2);
    for (const name of ['a', 'b', 'c', 'd', 'e']) store.insert('User', { attributes: { userName: name } });
    const delivered: string[][] = [];
    store.faults.onStep((step) => {
      if (step.operation === 'read' && step.phase === 'page' && step.pageIndex === 1) {
        throw new ConnectorError('unavailable', 'connection reset');
      }
    });
    const outcome = await new Promise((resolve) => {
      connector.read('User').subscribe({
        next: (page) => delivered.push(page.map((object) => String(object.resource.userName))),
        error: resolve,
        complete: () => resolve('completed'),
      });
    });
    expect(delivered).toEqual([['a', 'b']]);
    expect(outcome).toMatchObject({ code: 'unavailable' });
  });

  it('does no work before subscription and stops when the subscriber leaves', async () => {
    const { connector, store } = setUpReference(1);
    for (const name of ['a', 'b', 'c']) store.insert('User', { attributes: { userName: name } });
    const pages: number[] = [];
    store.faults.onStep((step) => {
      if (step.phase === 'page') pages.push(step.pageIndex ?? -1);
    });
    const stream = connector.read('User');
    expect(store.faults.callCount('read')).toBe(0);
    const first = await new Promise<readonly unknown[]>((resolve) => {
      const subscription = stream.subscribe((page) => {
        subscription?.unsubscribe();
        resolve(page);
      });
    });
    expect(first).toHaveLength(1);
    await lastValueFrom(connector.read('Group').pipe(toArray()));
    expect(pages).toEqual([0]);
    expect(store.faults.callCounts()).toMatchObject({ read: 2, create: 0 });
  });

  it('counts per operation and resets', async () => {
    const { connector, store } = setUpReference();
    const ada = await connector.create('User', user('ada'));
    await connector.get('User', ada.remoteId);
    await connector.get('User', 'nobody');
    expect(store.faults.callCounts()).toMatchObject({ create: 1, get: 2, find: 0 });
    store.faults.resetCounts();
    expect(store.faults.callCount('get')).toBe(0);
  });
});
