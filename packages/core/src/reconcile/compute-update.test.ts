import { describe, expect, it } from '@jest/globals';
import { applyPatch, createCoreRegistry, ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimResource } from '@idsync/scim';
import { computeUpdate } from './compute-update.js';

const registry = createCoreRegistry();
const scope = registry.scopeOf('User');

const remote: ScimResource = {
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  id: 'r1',
  userName: 'ada@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
  title: 'Analyst',
  nickName: 'set outside idsync',
  emails: [
    { value: 'ada@example.com', type: 'work', primary: true },
    { value: 'ada@home.example', type: 'home' },
  ],
  [ENTERPRISE_USER_SCHEMA]: { department: 'Research', costCenter: 'CC-1' },
};

function update(desired: ScimResource, valuePathFilters = true) {
  const result = computeUpdate(remote, desired, { registry, objectType: 'User', valuePathFilters });
  const after = applyPatch(remote, result.patch, { registry, scope }).resource as ScimResource;
  return { ...result, after };
}

describe('computeUpdate', () => {
  it('finds nothing to do when the managed attributes agree', () => {
    expect(update({ schemas: [USER_SCHEMA], userName: 'ada@example.com', name: { givenName: 'Ada' } }).patch).toEqual([]);
  });

  it('changes a mapped sub-attribute and leaves unmapped ones alone', () => {
    const { after, changes } = update({ schemas: [USER_SCHEMA], name: { givenName: 'Augusta' } });
    expect(after.name).toEqual({ givenName: 'Augusta', familyName: 'Lovelace', formatted: 'Ada Lovelace' });
    expect(after.nickName).toBe('set outside idsync');
    expect(changes).toEqual([{ path: 'name', from: remote.name, to: { ...(remote.name as object), givenName: 'Augusta' } }]);
  });

  it('clears an attribute whose mapping yields nothing', () => {
    const { after, patch } = update({ schemas: [USER_SCHEMA], title: null });
    expect(after.title).toBeUndefined();
    expect(patch).toEqual([expect.objectContaining({ op: 'remove', path: 'title' })]);
  });

  it('replaces the work email and keeps the home email someone added remotely', () => {
    for (const filters of [true, false]) {
      const { after } = update({ schemas: [USER_SCHEMA], emails: [{ type: 'work', value: 'augusta@example.com' }] }, filters);
      const emails = after.emails as { value: string; type: string }[];
      expect(emails.map((e) => e.value).sort()).toEqual(['ada@home.example', 'augusta@example.com']);
    }
  });

  it('updates extension attributes without touching unmapped ones', () => {
    const { after } = update({ schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA], [ENTERPRISE_USER_SCHEMA]: { department: 'Engineering' } });
    expect(after[ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'Engineering', costCenter: 'CC-1' });
  });
});
