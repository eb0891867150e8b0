import { afterEach, describe, expect, it } from '@jest/globals';
import {
  DEFAULT_CONNECTION_PREFERENCES,
  DEFAULT_DELETION_GUARD,
  DEFAULT_EXECUTION_SETTINGS,
  InboundReconciler,
  validateConnectorConfig,
  type Connection,
  type ProvisioningRule,
} from '@idsync/core';
import {
  createReferenceDefinition,
  REFERENCE_MANIFEST,
  type InMemoryIdentityStore,
  type ReferenceConnector,
} from '@idsync/connector-testkit';
import { EngineHarness, usersRule } from './engine-harness.js';

let harness: EngineHarness;
afterEach(async () => harness?.close());

/** A second reference store, "hr", that feeds the hub through inbound rules. */
function addSource(h: EngineHarness, name: string) {
  // The harness's outbound target can be a source too (a two-way connection).
  const accessKey = name === 'target' ? 'target-key' : `${name}-key`;
  const store: InMemoryIdentityStore =
    name === 'target' ? h.target : h.referenceStores.create({ name, accessKey });
  const config = validateConnectorConfig(REFERENCE_MANIFEST, { name, accessKey, pageSize: 50 });
  const connector = createReferenceDefinition(h.referenceStores).create(config, {
    connectionId: name,
    log: () => undefined,
  }) as ReferenceConnector;
  const connection: Connection = {
    id: name,
    name: `${name} source`,
    connectorId: 'reference',
    config,
    preferences: { ...DEFAULT_CONNECTION_PREFERENCES, allowDisable: true },
    deletionGuard: DEFAULT_DELETION_GUARD,
    execution: DEFAULT_EXECUTION_SETTINGS,
  };
  const inbound = new InboundReconciler({ stores: h.store, registry: h.registry, pageSize: 100 });
  return {
    store,
    connection,
    sync: (rules: ProvisioningRule[], mode: 'full' | 'incremental' = 'full') =>
      inbound.run({ connection, connector, manifest: REFERENCE_MANIFEST, rules, objectType: 'User', mode }),
  };
}

const hrRule = (overrides: Partial<ProvisioningRule> = {}): ProvisioningRule => ({
  id: 'from-hr',
  name: 'HR feeds the hub',
  direction: 'inbound',
  connectionId: 'hr',
  objectType: 'User',
  enabled: true,
  scope: {},
  mappings: [
    { target: 'userName', kind: 'direct', source: 'userName' },
    { target: 'displayName', kind: 'direct', source: 'displayName' },
    { target: 'title', kind: 'direct', source: 'title' },
    { target: 'active', kind: 'constant', value: true },
  ],
  ...overrides,
});

describe('inbound: a store feeds the hub', () => {
  it('creates, updates and disables hub users from the source, full and incremental', async () => {
    harness = await EngineHarness.start();
    const hr = addSource(harness, 'hr');
    const ada = hr.store.insert('User', {
      attributes: { userName: 'ada@example.com', displayName: 'Ada', title: 'Analyst' },
    });
    hr.store.insert('User', { attributes: { userName: 'grace@example.com', displayName: 'Grace' } });

    const first = await hr.sync([hrRule()]);
    expect(first.counts).toMatchObject({ 'create.succeeded': 2 });
    expect((await harness.store.hub.findByUserName('ada@example.com'))?.resource.title).toBe('Analyst');

    hr.store.modify('User', ada.remoteId, { title: 'Engineer' });
    const changed = await hr.sync([hrRule()], 'incremental');
    expect(changed.mode).toBe('incremental');
    expect(changed.counts).toMatchObject({ 'source.objects': 1, 'update.succeeded': 1 });
    expect((await harness.store.hub.findByUserName('ada@example.com'))?.resource.title).toBe('Engineer');

    hr.store.remove('User', ada.remoteId);
    const removed = await hr.sync([hrRule()], 'incremental');
    expect(removed.counts).toMatchObject({ 'disable.succeeded': 1 });
    expect((await harness.store.hub.findByUserName('ada@example.com'))?.resource.active).toBe(false);
  });

  it('links an existing hub user by userName instead of creating a duplicate', async () => {
    harness = await EngineHarness.start();
    const hr = addSource(harness, 'hr');
    await harness.addUser('ada@example.com', { title: 'Old' });
    hr.store.insert('User', {
      attributes: { userName: 'ADA@example.com', displayName: 'Ada', title: 'New' },
    });
    const run = await hr.sync([hrRule()]);
    expect(run.counts).toMatchObject({ 'link.succeeded': 1, 'update.succeeded': 1 });
    expect(await harness.store.hub.count('User')).toBe(1);
  });

  it('an empty source read never disables the hub', async () => {
    harness = await EngineHarness.start();
    const hr = addSource(harness, 'hr');
    const a = hr.store.insert('User', { attributes: { userName: 'a@example.com' } });
    const b = hr.store.insert('User', { attributes: { userName: 'b@example.com' } });
    await hr.sync([hrRule()]);
    hr.store.remove('User', a.remoteId);
    hr.store.remove('User', b.remoteId);
    const run = await hr.sync([hrRule()]);
    expect(run.status).toBe('awaiting-approval');
    expect((await harness.store.hub.findByUserName('a@example.com'))?.resource.active).not.toBe(false);
  });
});

describe('two-way rules on one connection', () => {
  it('refuses an attribute that flows both ways without an owner', async () => {
    harness = await EngineHarness.start();
    const hr = addSource(harness, 'target');
    const run = await hr.sync([usersRule(), hrRule({ connectionId: 'target' })]);
    expect(run.status).toBe('failed');
    expect(run.reason).toMatch(/"title" is written to connection "target".*read back/);
  });

  it('never ping-pongs: with owners set, values settle after one round each way', async () => {
    harness = await EngineHarness.start({
      rules: [usersRule({ authority: { title: 'remote' } })],
    });
    // The target is also a source: HR titles are edited in the target store and come back to the hub.
    const back = addSource(harness, 'target');
    const inbound = new InboundReconciler({
      stores: harness.store,
      registry: harness.registry,
      pageSize: 100,
    });
    const inboundRules = [
      hrRule({
        connectionId: 'target',
        mappings: [{ target: 'title', kind: 'direct', source: 'title' }],
        authority: { userName: 'hub', displayName: 'hub' },
      }),
    ];
    const syncBack = () =>
      inbound.run({
        connection: { ...back.connection, id: 'target' },
        connector: harness.connector,
        manifest: REFERENCE_MANIFEST,
        rules: [...harness.rules, ...inboundRules],
        objectType: 'User',
        mode: 'incremental',
      });

    const id = await harness.addUser('ada@example.com', { title: 'Analyst' });
    await harness.sync();
    const remote = harness.target.findByName('User', 'ada@example.com')!;
    expect(remote.attributes.title).toBeUndefined(); // the remote side owns title: the hub never writes it

    harness.target.modify('User', remote.remoteId, { title: 'Engineer' });
    const firstBack = await syncBack();
    expect(firstBack.reason ?? '').toBe('');
    expect(firstBack.status).toBe('succeeded');
    expect((await harness.store.hub.get('User', id))?.resource.title).toBe('Engineer');

    // Further rounds change nothing anywhere.
    const hubVersion = (await harness.store.hub.get('User', id))!.version;
    harness.target.faults.resetCounts();
    for (let round = 0; round < 3; round++) {
      await harness.sync('User', { mode: 'incremental' });
      await syncBack();
    }
    expect((await harness.store.hub.get('User', id))!.version).toBe(hubVersion);
    expect(harness.target.faults.callCount('patch') + harness.target.faults.callCount('replace')).toBe(0);
  });
});
