import { afterEach, describe, expect, it } from '@jest/globals';
import type { RunSummary } from '@idsync/core';
import { ScimConnector, ScimPatchConnector } from '@idsync/connector-scim';
import type { ScimTargetOptions } from '@idsync/scim-target';
import { groupsRule, usersRule } from '../engine-harness.js';
import { ScimEngineHarness, type ScimHarnessOptions } from './scim-engine-harness.js';

/*
 * The same story against SCIM 2.0 and 1.1 targets, with and without PATCH: the connector made
 * by `open` discovers what the target offers, and the engine adapts (no PATCH → full replace).
 * The end state must be the same everywhere; only the traffic differs.
 */

let harness: ScimEngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const ADA = 'ada.lovelace@example.com';
const GRACE = 'grace.hopper@example.com';
const ALAN = 'alan.turing@example.com';
const engineers = usersRule({ scope: { filter: 'title eq "Engineer"' } });

const ignoreConfirms = (run: RunSummary) =>
  Object.keys(run.counts).filter((key) => key.startsWith('planned.') && key !== 'planned.confirm');

/**
 * Three engineers, Ada and Alan in the group "Engineering", synced; then Ada renamed, Grace no
 * longer an engineer (disabled), Alan out of the group, the group renamed — synced again.
 */
async function story(h: ScimEngineHarness): Promise<void> {
  const ada = await h.addUser(ADA, { title: 'Engineer' });
  const grace = await h.addUser(GRACE, { title: 'Engineer' });
  const alan = await h.addUser(ALAN, { title: 'Engineer' });
  const group = await h.addGroup('Engineering', [ada, alan]);
  expect((await h.sync('User')).status).toBe('succeeded');
  expect((await h.sync('Group')).status).toBe('succeeded');
  expect(h.remoteMemberNames('Engineering')).toEqual([ALAN, ADA].sort());

  await h.updateUser(ada, { displayName: 'Countess Lovelace' });
  await h.updateUser(grace, { title: 'Admiral' });
  await h.updateGroup(group, { displayName: 'Engineering Team', memberIds: [ada] });
  expect((await h.sync('User')).status).toBe('succeeded');
  expect((await h.sync('Group')).status).toBe('succeeded');
}

function expectStoryOutcome(h: ScimEngineHarness): void {
  const users = h.remoteUsers();
  expect([...users.keys()].sort()).toEqual([ALAN, ADA, GRACE].sort());
  expect(users.get(ADA)).toMatchObject({ displayName: 'Countess Lovelace', title: 'Engineer', active: true });
  expect(users.get(GRACE)).toMatchObject({ active: false });
  expect(users.get(ALAN)).toMatchObject({ active: true });
  expect(h.remoteGroupsNamed('Engineering')).toEqual([]);
  expect(h.remoteMemberNames('Engineering Team')).toEqual([ADA]);
}

const methodsOn = (h: ScimEngineHarness, path: string) =>
  [...new Set(h.simulator.requests.matching({ path }).map((request) => request.method))].sort();

interface Variant {
  readonly name: string;
  readonly target: ScimTargetOptions;
  readonly connector?: Record<string, unknown>;
  readonly factory?: ScimHarnessOptions['factory'];
  readonly connectorClass: typeof ScimConnector;
  /** The write methods the story sends to /Users and /Groups. */
  readonly writes: { readonly users: string[]; readonly groups: string[] };
}

const WITH_PATCH = { users: ['GET', 'PATCH', 'POST'], groups: ['GET', 'PATCH', 'POST'] };
const BY_REPLACE = { users: ['GET', 'POST', 'PUT'], groups: ['GET', 'POST', 'PUT'] };

const VARIANTS: Variant[] = [
  { name: 'SCIM 2.0 with PATCH', target: {}, connectorClass: ScimPatchConnector, writes: WITH_PATCH },
  {
    name: 'SCIM 2.0 without PATCH (GET + PUT)',
    target: { patch: false },
    connectorClass: ScimConnector,
    writes: BY_REPLACE,
  },
  {
    name: 'SCIM 2.0 with ETags, PATCH off by configuration',
    target: { etag: true },
    connector: { patchMode: 'replace' },
    connectorClass: ScimConnector,
    writes: BY_REPLACE,
  },
  {
    name: 'SCIM 1.1 with PATCH',
    target: { version: '1.1' },
    connector: { scimVersion: '1.1' },
    connectorClass: ScimPatchConnector,
    writes: WITH_PATCH,
  },
  {
    name: 'SCIM 1.1 without PATCH',
    target: { version: '1.1', patch: false },
    connector: { scimVersion: '1.1' },
    connectorClass: ScimConnector,
    writes: BY_REPLACE,
  },
  {
    name: 'SCIM 2.0 with PATCH, connector made by the synchronous create (replace-only)',
    target: {},
    factory: 'create',
    connectorClass: ScimConnector,
    // `create` cannot discover, so updates go by PUT; disable and membership still use the PATCH the target offers.
    writes: { users: ['GET', 'PATCH', 'POST', 'PUT'], groups: ['GET', 'PATCH', 'POST', 'PUT'] },
  },
];

describe.each(VARIANTS)('hub → $name', (variant) => {
  it('provisions, updates, disables, renames and re-members to the same end state, then plans nothing', async () => {
    const h = await ScimEngineHarness.start({
      target: variant.target,
      ...(variant.connector ? { connector: variant.connector } : {}),
      ...(variant.factory ? { factory: variant.factory } : {}),
      rules: [engineers, groupsRule()],
    });
    harness = h;
    expect(h.connector.constructor).toBe(variant.connectorClass);

    await story(h);
    expectStoryOutcome(h);
    expect(methodsOn(h, '/Users')).toEqual(variant.writes.users);
    expect(methodsOn(h, '/Groups')).toEqual(variant.writes.groups);
    if (variant.target.patch === false) {
      // Discovery said no PATCH: none was ever tried.
      expect(h.simulator.requests.matching({ method: 'PATCH' })).toEqual([]);
    }
    if (variant.target.version === '1.1') {
      expect(h.simulator.baseUrl).toMatch(/\/scim\/v1$/);
      expect(h.simulator.requests.matching({ method: 'POST', path: '/Users' })[0]?.body).toMatchObject({
        schemas: ['urn:scim:schemas:core:1.0'],
      });
    }

    const users = await h.sync('User');
    const groups = await h.sync('Group');
    expect(ignoreConfirms(users)).toEqual([]);
    expect(ignoreConfirms(groups)).toEqual([]);
  });
});
