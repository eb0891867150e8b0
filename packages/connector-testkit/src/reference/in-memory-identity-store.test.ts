import { describe, expect, it } from '@jest/globals';
import { InMemoryIdentityStore } from './in-memory-identity-store.js';

const clock = () => new Date('2024-05-01T12:00:00.000Z');
const newStore = () => new InMemoryIdentityStore({ name: 'hr', accessKey: 'key-1', now: clock });
const kinds = (store: InMemoryIdentityStore, after = 0) =>
  [...store.changesAfter(after)].map((entry) => `${entry.kind} ${entry.type} ${entry.remoteId}`);

describe('InMemoryIdentityStore', () => {
  it('keeps userName unique without regard to case, also on rename', () => {
    const store = newStore();
    const ada = store.insert('User', { attributes: { userName: 'Ada' } });
    expect(() => store.insert('User', { attributes: { userName: 'ADA' } })).toThrow(
      /userName "ADA" already exists/,
    );
    const bob = store.insert('User', { attributes: { userName: 'bob' } });
    expect(() => store.modify('User', bob.remoteId, { userName: 'ada' })).toThrow(/already exists/);
    store.modify('User', ada.remoteId, { userName: 'ada.lovelace' });
    // The old name is free again once renamed away.
    expect(store.insert('User', { attributes: { userName: 'ADA' } }).remoteId).not.toBe(ada.remoteId);
    expect(store.findByName('User', 'ADA.LOVELACE')?.remoteId).toBe(ada.remoteId);
  });

  it('bumps the revision and logs an upsert on every write', () => {
    const store = newStore();
    const user = store.insert('User', { attributes: { userName: 'ada' } });
    const updated = store.modify('User', user.remoteId, { title: 'Countess' });
    expect(updated.revision).toBe(2);
    expect(updated.attributes).toEqual({ userName: 'ada', title: 'Countess' });
    expect(store.modify('User', user.remoteId, { title: undefined }).attributes).toEqual({ userName: 'ada' });
    expect(kinds(store)).toEqual([
      `upsert User ${user.remoteId}`,
      `upsert User ${user.remoteId}`,
      `upsert User ${user.remoteId}`,
    ]);
  });

  it('keeps a password only as something to check, never in the record', () => {
    const store = newStore();
    const user = store.insert('User', { attributes: { userName: 'ada' }, password: 's3cret!' });
    expect(user.hasPassword).toBe(true);
    expect(JSON.stringify(store.get('User', user.remoteId))).not.toContain('s3cret!');
    expect(store.checkPassword(user.remoteId, 's3cret!')).toBe(true);
    store.update('User', user.remoteId, { attributes: { userName: 'ada', title: 'x' } });
    expect(store.checkPassword(user.remoteId, 's3cret!')).toBe(true);
    store.update('User', user.remoteId, { attributes: { userName: 'ada' }, password: 'n3w' });
    expect(store.checkPassword(user.remoteId, 's3cret!')).toBe(false);
  });

  it('adds members idempotently and refuses unknown ones and the group itself', () => {
    const store = newStore();
    const group = store.insert('Group', { attributes: { displayName: 'Admins' } });
    const user = store.insert('User', { attributes: { userName: 'ada' } });
    expect(store.addMembers(group.remoteId, [user.remoteId])).toBe(true);
    expect(store.addMembers(group.remoteId, [user.remoteId])).toBe(false);
    expect(() => store.addMembers(group.remoteId, ['nobody'])).toThrow(/"nobody".*no such user or group/);
    expect(() => store.addMembers(group.remoteId, [group.remoteId])).toThrow(/or the group itself/);
    expect(store.removeMembers(group.remoteId, ['nobody'])).toBe(false);
    expect(store.membersOf(group.remoteId)).toEqual([user.remoteId]);
  });

  it('removes a deleted user from its groups and logs the group change', () => {
    const store = newStore();
    const group = store.insert('Group', { attributes: { displayName: 'Admins' } });
    const user = store.insert('User', { attributes: { userName: 'ada' } });
    store.addMembers(group.remoteId, [user.remoteId]);
    const before = store.latestChange();
    store.remove('User', user.remoteId);
    expect(store.membersOf(group.remoteId)).toEqual([]);
    expect(kinds(store, before)).toEqual([`delete User ${user.remoteId}`, `upsert Group ${group.remoteId}`]);
    expect(() => store.remove('User', user.remoteId)).toThrow(/No User with id/);
  });

  it('pages in creation order, unaffected by updates', () => {
    const store = newStore();
    const ids = ['a', 'b', 'c'].map(
      (name) => store.insert('User', { attributes: { userName: name } }).remoteId,
    );
    store.modify('User', ids[0] as string, { title: 'first, updated last' });
    const first = store.page('User', 0, 2);
    expect(first.map((record) => record.remoteId)).toEqual(ids.slice(0, 2));
    expect(store.page('User', first[1]?.position ?? 0, 2).map((record) => record.remoteId)).toEqual([ids[2]]);
  });

  it('simulates outages and key rotation', () => {
    const store = newStore();
    expect(() => store.authenticate('key-1')).not.toThrow();
    store.setAccessKey('key-2');
    expect(() => store.authenticate('key-1')).toThrow(/refused the access key/);
    store.setReachable(false);
    expect(() => store.authenticate('key-2')).toThrow(/does not answer/);
  });
});
