import { describe, expect, it } from '@jest/globals';
import type { ScimResource } from '@idsync/scim';
import { DEFAULT_CONNECTION_PREFERENCES, type ConnectionPreferences } from '../model/connection.js';
import type { Link } from '../model/link.js';
import { planObject, type ObjectPlanInput } from './plan-object.js';

const user = (fields: Partial<ScimResource> = {}): ScimResource => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'ada@example.com',
  active: true,
  ...fields,
});

const link: Link = {
  connectionId: 'c1',
  objectType: 'User',
  hubId: 'h1',
  remoteId: 'r1',
  ruleIds: ['rule-a'],
  state: 'in-sync',
  attempts: 0,
  updatedAt: '2026-01-01T00:00:00Z',
};

/** A stand-in diff: changed top-level attributes as replace operations. */
const naiveDiff: ObjectPlanInput['computeUpdate'] = (remote, desired) => {
  const paths = Object.keys(desired).filter(
    (key) => key !== 'schemas' && JSON.stringify(remote[key]) !== JSON.stringify(desired[key]),
  );
  return {
    patch: paths.map((path) => ({ op: 'replace' as const, path, value: desired[path] })),
    changes: paths.map((path) => ({ path, from: remote[path], to: desired[path] })),
    target: { ...remote, ...desired },
  };
};

function plan(overrides: Partial<ObjectPlanInput> & { prefs?: Partial<ConnectionPreferences> } = {}) {
  const { prefs, ...rest } = overrides;
  const desired = user();
  return planObject({
    connectionId: 'c1',
    objectType: 'User',
    hubId: 'h1',
    preferences: { ...DEFAULT_CONNECTION_PREFERENCES, ...prefs },
    wantedBy: ['rule-a'],
    hubDeleted: false,
    desired: { onCreate: { ...desired, password: 'initial' }, onUpdate: desired },
    computeUpdate: naiveDiff,
    ...rest,
  });
}

describe('planObject: objects in scope', () => {
  it('creates an object that has no link and no correlation match, with on-create-only values', () => {
    const [operation, ...rest] = plan({
      correlation: { kind: 'none', filter: 'userName eq "ada@example.com"' },
    });
    expect(rest).toEqual([]);
    expect(operation).toMatchObject({
      kind: 'create',
      resource: { password: 'initial' },
      reason: { ruleIds: ['rule-a'] },
    });
    expect(operation?.reason.summary).toContain('No remote object matches userName eq "ada@example.com"');
  });

  it('creates without the typed elements whose mappings yielded nothing', () => {
    const desired = user({
      emails: [
        { type: 'work', value: null },
        { type: 'home', value: 'ada@home.example' },
      ],
      phoneNumbers: [{ type: 'mobile', value: null }],
    });
    const [operation] = plan({ desired: { onCreate: desired, onUpdate: desired } });
    expect(operation).toMatchObject({ kind: 'create' });
    const created = operation?.kind === 'create' ? operation.resource : undefined;
    expect(created?.emails).toEqual([{ type: 'home', value: 'ada@home.example' }]);
    expect(created).not.toHaveProperty('phoneNumbers');
  });

  it('skips the create when the connection does not allow creating', () => {
    expect(plan({ prefs: { allowCreate: false } })).toMatchObject([
      { kind: 'skip', reason: { summary: expect.stringContaining('does not allow creating') } },
    ]);
  });

  it('does not create users disabled at the source unless the connection provisions disabled users', () => {
    const disabled = user({ active: false });
    const desired = { onCreate: disabled, onUpdate: disabled };
    expect(plan({ desired })).toMatchObject([{ kind: 'skip' }]);
    expect(plan({ desired, prefs: { provisionDisabledUsers: true } })).toMatchObject([
      {
        kind: 'create',
        resource: { active: false },
        reason: { summary: expect.stringContaining('inactive') },
      },
    ]);
  });

  it('links an existing remote object found by correlation and updates what differs', () => {
    const remote = { remoteId: 'r9', type: 'User' as const, resource: user({ displayName: 'Old' }) };
    const operations = plan({
      desired: { onCreate: user({ displayName: 'Ada' }), onUpdate: user({ displayName: 'Ada' }) },
      correlation: { kind: 'one', filter: 'userName eq "ada@example.com"', remote },
    });
    expect(operations.map((o) => o.kind)).toEqual(['link', 'update']);
    expect(operations[1]).toMatchObject({
      remoteId: 'r9',
      patch: [{ op: 'replace', path: 'displayName', value: 'Ada' }],
    });
  });

  it('never guesses when correlation finds several objects', () => {
    const [operation] = plan({
      correlation: { kind: 'many', filter: 'userName eq "ada@example.com"', count: 2 },
    });
    expect(operation).toMatchObject({
      kind: 'error',
      reason: { summary: expect.stringContaining('2 remote objects match') },
    });
  });

  it('does nothing when the linked object is already as desired', () => {
    expect(plan({ link, linkedRemote: { remoteId: 'r1', type: 'User', resource: user() } })).toEqual([]);
  });

  it('updates a linked object with the changes and the rule that caused them', () => {
    const operations = plan({
      link,
      linkedRemote: { remoteId: 'r1', type: 'User', resource: user({ title: 'Intern' }) },
      desired: { onCreate: user({ title: 'Engineer' }), onUpdate: user({ title: 'Engineer' }) },
    });
    expect(operations).toMatchObject([
      {
        kind: 'update',
        remoteId: 'r1',
        reason: { changes: [{ path: 'title', from: 'Intern', to: 'Engineer' }] },
      },
    ]);
  });

  it('respects "allow updates" and "allow disable" separately', () => {
    const remote = { remoteId: 'r1', type: 'User' as const, resource: user({ title: 'Intern' }) };
    expect(
      plan({
        link,
        linkedRemote: remote,
        prefs: { allowUpdate: false },
        desired: { onCreate: user({ title: 'X' }), onUpdate: user({ title: 'X' }) },
      }),
    ).toMatchObject([{ kind: 'skip' }]);
    const disabled = user({ active: false });
    const linked = {
      link,
      linkedRemote: { remoteId: 'r1', type: 'User' as const, resource: user() },
      desired: { onCreate: disabled, onUpdate: disabled },
    };
    expect(plan({ ...linked, prefs: { allowDisable: false } })).toMatchObject([
      { kind: 'skip', reason: { summary: expect.stringContaining('disabling') } },
    ]);
    expect(plan({ ...linked, prefs: { allowUpdate: false } })).toMatchObject([
      { kind: 'update', patch: [{ path: 'active', value: false }] },
    ]);
  });

  it('creates the object again when it was deleted remotely outside idsync and nothing else matches', () => {
    expect(plan({ link, linkedRemote: undefined })).toMatchObject([
      { kind: 'create', reason: { summary: expect.stringContaining('deleted outside idsync') } },
    ]);
    const [create] = plan({
      link,
      linkedRemote: undefined,
      correlation: { kind: 'none', filter: 'userName eq "ada@example.com"' },
    });
    expect(create).toMatchObject({ kind: 'create' });
    expect(create?.reason.summary).toContain(
      'No remote object matches userName eq "ada@example.com"; it is created again.',
    );
  });

  it('links to the object correlation finds when the linked one is gone (recreated outside idsync), instead of creating', () => {
    const recreated = { remoteId: 'r2', type: 'User' as const, resource: user({ title: 'Intern' }) };
    const operations = plan({
      link,
      linkedRemote: undefined,
      correlation: { kind: 'one', filter: 'userName eq "ada@example.com"', remote: recreated },
      desired: { onCreate: user({ title: 'Engineer' }), onUpdate: user({ title: 'Engineer' }) },
    });
    expect(operations).toMatchObject([
      {
        kind: 'link',
        remoteId: 'r2',
        state: 'pending',
        reason: { summary: expect.stringContaining('deleted outside idsync') },
      },
      { kind: 'update', remoteId: 'r2', patch: [{ path: 'title', value: 'Engineer' }] },
    ]);
  });

  it('does not guess when the linked object is gone and several objects match', () => {
    const operations = plan({
      link,
      linkedRemote: undefined,
      correlation: { kind: 'many', filter: 'userName eq "ada@example.com"', count: 2 },
    });
    expect(operations).toMatchObject([
      { kind: 'error', reason: { summary: expect.stringContaining('ambiguous') } },
    ]);
  });
});

describe('planObject: objects out of scope', () => {
  const outOfScope = {
    wantedBy: [],
    desired: undefined,
    link,
    linkedRemote: { remoteId: 'r1', type: 'User' as const, resource: user() },
  };

  it('does nothing for an object that was never provisioned', () => {
    expect(plan({ ...outOfScope, link: undefined })).toEqual([]);
  });

  it('disables when the remove action is disable', () => {
    expect(plan(outOfScope)).toMatchObject([
      { kind: 'disable', remoteId: 'r1', reason: { ruleIds: ['rule-a'] } },
    ]);
  });

  it('does not disable twice, and records an account found already inactive', () => {
    const inactive = { remoteId: 'r1', type: 'User' as const, resource: user({ active: false }) };
    expect(
      plan({ ...outOfScope, link: { ...link, state: 'deprovisioned' }, linkedRemote: inactive }),
    ).toEqual([]);
    expect(plan({ ...outOfScope, linkedRemote: inactive })).toMatchObject([
      { kind: 'confirm', state: 'deprovisioned' },
    ]);
  });

  it('deletes only when deprovisioning is allowed', () => {
    expect(plan({ ...outOfScope, prefs: { removeAction: 'delete' } })).toMatchObject([{ kind: 'skip' }]);
    expect(plan({ ...outOfScope, prefs: { removeAction: 'delete', allowDeprovision: true } })).toMatchObject([
      { kind: 'delete', remoteId: 'r1' },
    ]);
  });

  it('says whether the hub object was deleted or left the scope', () => {
    expect(plan({ ...outOfScope, hubDeleted: true })[0]?.reason.summary).toContain('hub object was deleted');
    expect(plan(outOfScope)[0]?.reason.summary).toContain('no longer in the scope');
  });

  it('releases the link when the remote object is already gone', () => {
    expect(plan({ ...outOfScope, linkedRemote: undefined })).toMatchObject([{ kind: 'release' }]);
  });

  it('deletes groups rather than disabling them', () => {
    const group = {
      ...outOfScope,
      objectType: 'Group' as const,
      linkedRemote: { remoteId: 'r1', type: 'Group' as const, resource: { schemas: [], displayName: 'g' } },
    };
    expect(plan({ ...group, prefs: { allowDeprovision: true } })).toMatchObject([{ kind: 'delete' }]);
  });
});
