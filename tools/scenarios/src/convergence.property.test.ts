import { describe, expect, it } from '@jest/globals';
import type { RunSummary } from '@idsync/core';
import { GROUP_SCHEMA } from '@idsync/scim';
import fc from 'fast-check';
import {
  ConvergenceModel,
  SCOPE_FILTERS,
  userNameOf,
  type ScopeFilter,
  type Title,
} from './convergence-model.js';
import { EngineHarness, groupsRule, usersRule } from './engine-harness.js';
import { failureCounts, remoteState } from './observed-state.js';

/*
 * Whatever happens in the hub, to the rules and between syncs, one final full sync leaves the
 * target equal to the mapping of the hub: checked against an independent model on random
 * histories, each on a fresh store and a fresh target.
 */

type Step =
  | { readonly kind: 'create'; readonly slot: number; readonly title: Title; readonly active: boolean }
  | { readonly kind: 'title'; readonly slot: number; readonly title: Title }
  | { readonly kind: 'active'; readonly slot: number; readonly active: boolean }
  | { readonly kind: 'rename'; readonly slot: number; readonly familyName: string }
  | { readonly kind: 'delete'; readonly slot: number }
  | { readonly kind: 'join' | 'leave'; readonly slot: number }
  | { readonly kind: 'scope'; readonly filter: ScopeFilter }
  | { readonly kind: 'rule-enabled'; readonly enabled: boolean }
  | { readonly kind: 'sync'; readonly mode: 'full' | 'incremental' };

const SLOTS = 3;
const slot = fc.integer({ min: 0, max: SLOTS - 1 });
const title = fc.constantFrom<Title>('A', 'B');
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('create' as const), slot, title, active: fc.boolean() }),
    weight: 3,
  },
  fc.record({ kind: fc.constant('title' as const), slot, title }),
  fc.record({ kind: fc.constant('active' as const), slot, active: fc.boolean() }),
  fc.record({ kind: fc.constant('rename' as const), slot, familyName: fc.constantFrom('Smith', 'Jones') }),
  fc.record({ kind: fc.constant('delete' as const), slot }),
  { arbitrary: fc.record({ kind: fc.constantFrom('join' as const, 'leave' as const), slot }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('scope' as const),
      filter: fc.constantFrom<ScopeFilter>('title', 'active', 'none'),
    }),
    weight: 2,
  },
  fc.record({ kind: fc.constant('rule-enabled' as const), enabled: fc.boolean() }),
  {
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      mode: fc.constantFrom('full' as const, 'incremental' as const),
    }),
    weight: 3,
  },
);

/**
 * A history: a directory of up to three users (some in the group) synced once, then random
 * steps. Starting from provisioned users lets short histories reach the interesting cases —
 * a provisioned member leaving the scope, a re-hire — far more often than from an empty hub.
 */
const history: fc.Arbitrary<Step[]> = fc
  .tuple(
    fc.array(fc.record({ title, active: fc.boolean(), inGroup: fc.boolean() }), {
      minLength: 1,
      maxLength: SLOTS,
    }),
    fc.array(step, { maxLength: 12, size: 'medium' }),
  )
  .map(([initial, steps]) => [
    ...initial.flatMap((user, index): Step[] => [
      { kind: 'create', slot: index, title: user.title, active: user.active },
      ...(user.inGroup ? [{ kind: 'join' as const, slot: index }] : []),
    ]),
    { kind: 'sync', mode: 'full' },
    ...steps,
  ]);

/** The engine side of one history: the hub, the rules and the syncs. */
class World {
  readonly model = new ConvergenceModel();
  private readonly hubIds = new Map<number, string>();

  constructor(
    readonly harness: EngineHarness,
    private readonly groupId: string,
  ) {}

  async apply(action: Step): Promise<void> {
    const { model, harness } = this;
    if (action.kind === 'scope' || action.kind === 'rule-enabled') {
      if (action.kind === 'scope') model.scope = action.filter;
      else model.enabled = action.enabled;
      this.setRules();
      return;
    }
    if (action.kind === 'sync') return this.sync(action.mode);
    const user = model.users.get(action.slot);
    if (action.kind === 'create') {
      if (user?.exists) return;
      // A new hub user, possibly under the name of a deleted one (a re-hire): the account that
      // name has remotely, if any, is still there.
      const id = await harness.addUser(userNameOf(action.slot), {
        title: action.title,
        active: action.active,
      });
      this.hubIds.set(action.slot, id);
      model.users.set(action.slot, {
        slot: action.slot,
        exists: true,
        title: action.title,
        active: action.active,
        familyName: 'p',
        inGroup: false,
        linked: user?.linked ?? false,
      });
      model.touch(action.slot);
      return;
    }
    if (!user?.exists) return;
    const id = this.hubIds.get(action.slot)!;
    switch (action.kind) {
      case 'title':
        user.title = action.title;
        await harness.updateUser(id, { title: action.title });
        break;
      case 'active':
        user.active = action.active;
        await harness.updateUser(id, { active: action.active });
        break;
      case 'rename':
        user.familyName = action.familyName;
        await harness.updateUser(id, {
          displayName: `u${action.slot} ${action.familyName}`,
          name: { givenName: `u${action.slot}`, familyName: action.familyName },
        });
        break;
      case 'delete':
        user.exists = false;
        user.inGroup = false;
        await harness.store.hub.delete('User', id);
        break;
      case 'join':
      case 'leave':
        if (user.inGroup === (action.kind === 'join')) return;
        user.inGroup = action.kind === 'join';
        await this.writeGroupMembers();
        break;
    }
    model.touch(action.slot);
  }

  /** Users then groups, as the scheduler runs them; an operator approves what the guard holds back. */
  async sync(mode: 'full' | 'incremental'): Promise<void> {
    await this.syncOne('User', mode);
    this.model.syncUsers(mode);
    await this.syncOne('Group', mode);
  }

  private async syncOne(type: 'User' | 'Group', mode: 'full' | 'incremental'): Promise<void> {
    let run: RunSummary = await this.harness.sync(type, { mode });
    if (run.status === 'awaiting-approval') {
      await this.harness.store.runs.approve({
        runId: run.runId,
        approvedBy: 'operator@example.com',
        approvedAt: new Date().toISOString(),
      });
      run = await this.harness.sync(type, { mode });
    }
    expect(failureCounts(run)).toEqual({});
    expect(run.status).toBe('succeeded');
  }

  private setRules(): void {
    const filter = SCOPE_FILTERS[this.model.scope];
    this.harness.rules = [
      usersRule({ enabled: this.model.enabled, scope: filter ? { filter } : {} }),
      groupsRule(),
    ];
  }

  private async writeGroupMembers(): Promise<void> {
    const group = (await this.harness.store.hub.get('Group', this.groupId))!;
    const members = [...this.model.users.values()]
      .filter((u) => u.inGroup)
      .map((u) => ({ value: this.hubIds.get(u.slot)!, type: 'User' }));
    await this.harness.store.hub.replace('Group', this.groupId, { ...group.resource, members });
  }
}

const OUTSIDER = {
  userName: 'outsider@example.com',
  displayName: 'Made outside idsync',
  title: 'X',
  active: true,
};

async function runHistory(steps: readonly Step[]): Promise<void> {
  const harness = await EngineHarness.start({
    rules: [usersRule(), groupsRule()],
    preferences: { membershipHandling: 'overwrite' },
  });
  try {
    harness.restart({ pageSize: 2 });
    harness.target.insert('User', { attributes: OUTSIDER });
    const population = (await harness.store.hub.defaultPopulation()).id;
    const group = await harness.store.hub.create('Group', population, {
      schemas: [GROUP_SCHEMA],
      displayName: 'G',
      members: [],
    });
    const world = new World(harness, group.id);
    for (const action of steps) await world.apply(action);
    await world.sync('full');

    const { model } = world;
    const remote = remoteState(harness);
    const accounts = model.expectedAccounts();
    // Exactly the provisioned accounts, plus the one made outside idsync, left as it was.
    expect(Object.keys(remote.users).sort()).toEqual([...accounts.keys(), OUTSIDER.userName].sort());
    expect(remote.users[OUTSIDER.userName]).toEqual(OUTSIDER);
    for (const [userName, expected] of accounts) {
      const actual = remote.users[userName]!;
      if (expected === 'disabled') {
        expect({ userName, active: actual.active }).toEqual({ userName, active: false });
        continue;
      }
      const name = actual.name as { givenName?: string; familyName?: string } | undefined;
      expect({
        userName: actual.userName,
        displayName: actual.displayName,
        givenName: name?.givenName,
        familyName: name?.familyName,
        title: actual.title,
        active: actual.active,
      }).toEqual(expected);
    }
    expect(remote.groups).toEqual({ G: model.expectedMembers() });
  } finally {
    await harness.close();
  }
}

/**
 * Histories checked on every run besides the random ones, each a case that once showed (or
 * could show) a gap between what the engine did and what the hub says; as plain tests, each
 * reports on its own.
 */
const KNOWN_HISTORIES: [string, Step[]][] = [
  [
    'a group member leaves the scope: disabled by the remove action, and no longer a member',
    [
      { kind: 'create', slot: 0, title: 'A', active: true },
      { kind: 'join', slot: 0 },
      { kind: 'sync', mode: 'full' },
      { kind: 'scope', filter: 'title' },
      { kind: 'title', slot: 0, title: 'B' },
    ],
  ],
  [
    'the rule is switched off: every provisioned user is disabled and the group emptied',
    [
      { kind: 'create', slot: 1, title: 'B', active: true },
      { kind: 'join', slot: 1 },
      { kind: 'sync', mode: 'incremental' },
      { kind: 'rule-enabled', enabled: false },
    ],
  ],
  [
    'a user created disabled is provisioned once activated, by an incremental run',
    [
      { kind: 'create', slot: 2, title: 'A', active: false },
      { kind: 'join', slot: 2 },
      { kind: 'sync', mode: 'full' },
      { kind: 'active', slot: 2, active: true },
      { kind: 'sync', mode: 'incremental' },
    ],
  ],
  [
    'a re-hire: deleted from the hub and created again under the same userName',
    [
      { kind: 'create', slot: 0, title: 'A', active: true },
      { kind: 'sync', mode: 'full' },
      { kind: 'delete', slot: 0 },
      { kind: 'create', slot: 0, title: 'B', active: true },
    ],
  ],
  [
    'a scope change alone, missed by an incremental run, is caught by the full run',
    [
      { kind: 'create', slot: 0, title: 'B', active: true },
      { kind: 'scope', filter: 'title' },
      { kind: 'sync', mode: 'full' },
      { kind: 'scope', filter: 'none' },
      { kind: 'sync', mode: 'incremental' },
      { kind: 'delete', slot: 0 },
    ],
  ],
];

describe('convergence', () => {
  it.each(KNOWN_HISTORIES)('known history: %s', async (_name, steps) => {
    await runHistory(steps);
  });

  it('after any history of hub changes, rule changes and syncs, a full sync leaves target = mapping(hub in scope)', async () => {
    await fc.assert(
      fc.asyncProperty(history, (steps) => runHistory(steps)),
      { numRuns: 20 },
    );
  }, 900_000);
});
