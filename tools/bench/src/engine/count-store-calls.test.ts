import { describe, expect, it } from '@jest/globals';
import type { EngineStores } from '@idsync/core';
import { StoreCallCounter } from './count-store-calls.js';

/** Stores whose methods answer from fixed data; only the counting is under test. */
function fakeStores(): EngineStores {
  const links = {
    prefix: 'remote-',
    get(_connectionId: string, _type: string, hubId: string) {
      return Promise.resolve({ remoteId: `${this.prefix}${hubId}` });
    },
  };
  const hub = { latestChangeCursor: () => Promise.resolve('42') };
  return { hub, links, checkpoints: {}, runs: {}, audit: {} } as unknown as EngineStores;
}

describe('StoreCallCounter', () => {
  it('counts calls per store method and passes the calls through unchanged', async () => {
    const counter = new StoreCallCounter();
    const stores = counter.wrap(fakeStores());

    // `this` still refers to the store: the wrapper calls the method on the original object.
    expect(await stores.links.get('c', 'User', 'a')).toEqual({ remoteId: 'remote-a' });
    await stores.links.get('c', 'User', 'b');
    expect(await stores.hub.latestChangeCursor()).toBe('42');

    expect(counter.take()).toEqual({ 'hub.latestChangeCursor': 1, 'links.get': 2 });
  });

  it('starts a new count after each take, not after a peek', async () => {
    const counter = new StoreCallCounter();
    const stores = counter.wrap(fakeStores());
    await stores.hub.latestChangeCursor();
    counter.take();
    expect(counter.take()).toEqual({});
    await stores.links.get('c', 'User', 'a');
    // peek shows the count so far without starting over.
    expect(counter.peek()).toEqual({ 'links.get': 1 });
    expect(counter.take()).toEqual({ 'links.get': 1 });
  });
});
