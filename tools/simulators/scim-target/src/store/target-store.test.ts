import { describe, expect, it } from '@jest/globals';
import { GROUP_SCHEMA, USER_SCHEMA } from '@idsync/scim';
import { manualClock } from '../test-support/fixtures.js';
import { membersOf, TargetStore } from './target-store.js';

function store() {
  const clock = manualClock(Date.parse('2026-03-01T10:00:00Z'));
  let next = 0;
  return { clock, store: new TargetStore(clock.now, () => `id-${++next}`) };
}

describe('TargetStore', () => {
  it('seeds resources with schemas, id and meta, keeping a given id', () => {
    const { store: target } = store();
    const user = target.users.seed({ userName: 'bjensen' });
    expect(user).toEqual({
      schemas: [USER_SCHEMA],
      userName: 'bjensen',
      id: 'id-1',
      meta: {
        resourceType: 'User',
        created: '2026-03-01T10:00:00.000Z',
        lastModified: '2026-03-01T10:00:00.000Z',
        version: 'W/"1"',
      },
    });
    expect(target.groups.seed({ id: 'admins', displayName: 'Admins' })).toMatchObject({
      id: 'admins',
      schemas: [GROUP_SCHEMA],
    });
    expect(() => target.groups.seed({ id: 'admins', displayName: 'Again' })).toThrow(/already exists/);
  });

  it('stamps an update with a new lastModified and version, keeping created', () => {
    const { store: target, clock } = store();
    const user = target.users.seed({ userName: 'bjensen' });
    clock.advance(60_000);
    const updated = target.users.update(user.id!, (current) => ({ ...current, title: 'Guide' }));
    expect(updated.title).toBe('Guide');
    expect(updated.meta).toMatchObject({
      created: user.meta!.created,
      lastModified: '2026-03-01T10:01:00.000Z',
    });
    expect(updated.meta!.version).not.toBe(user.meta!.version);
    expect(() => target.users.update('missing', updated)).toThrow(/not in the store/);
  });

  it('hands out copies, so changing a read does not change the store', () => {
    const { store: target } = store();
    const user = target.users.seed({ userName: 'bjensen' });
    const read = target.users.get(user.id!)!;
    read.userName = 'changed';
    target.users.all()[0]!.userName = 'changed too';
    expect(target.users.get(user.id!)!.userName).toBe('bjensen');
  });

  it('hides a resource: gone from reads, kept inactive among the hidden ones', () => {
    const { store: target } = store();
    const user = target.users.seed({ userName: 'bjensen', active: true });
    expect(target.users.hide(user.id!)).toBe(true);
    expect(target.users.get(user.id!)).toBeUndefined();
    expect(target.users.size).toBe(0);
    expect(target.users.hiddenResources()).toEqual([expect.objectContaining({ id: user.id, active: false })]);
    expect(target.users.hide(user.id!)).toBe(false);
  });

  it('finds the groups of a member and drops a member from all of them', () => {
    const { store: target } = store();
    const user = target.users.seed({ userName: 'bjensen' });
    const other = target.users.seed({ userName: 'other' });
    target.groups.seed({ displayName: 'A', members: [{ value: user.id! }, { value: other.id! }] });
    target.groups.seed({ displayName: 'B', members: [{ value: user.id! }] });
    target.groups.seed({ displayName: 'C', members: [{ value: other.id! }] });
    expect(target.groupsWithMember(user.id!).map((group) => group.displayName)).toEqual(['A', 'B']);
    const index = target.membershipIndex();
    expect(index.get(user.id!)?.map((group) => group.displayName)).toEqual(['A', 'B']);
    expect(index.get(other.id!)?.map((group) => group.displayName)).toEqual(['A', 'C']);
    target.dropMemberEverywhere(user.id!);
    expect(target.groupsWithMember(user.id!)).toEqual([]);
    expect(target.groups.all().map((group) => membersOf(group).map((member) => member.value))).toEqual([
      [other.id],
      [],
      [other.id],
    ]);
  });
});
