import { afterEach, describe, expect, it } from '@jest/globals';
import {
  DEFAULT_CONNECTION_PREFERENCES,
  DEFAULT_DELETION_GUARD,
  DEFAULT_EXECUTION_SETTINGS,
  InboundReconciler,
  OutboundReconciler,
  validateConnectorConfig,
  type Connection,
  type ProvisioningRule,
} from '@idsync/core';
import {
  createReferenceDefinition,
  REFERENCE_MANIFEST,
  type ReferenceConnector,
} from '@idsync/connector-testkit';
import { EngineHarness } from './engine-harness.js';

/*
 * A run asked to stop (the server shutting down) stops starting writes, lets the ones in flight
 * finish and records them, keeps its checkpoint behind the unfinished work, and ends
 * "cancelled". Nothing is left half-applied, and the next run finishes the job without
 * creating anything twice.
 */

const USERS = 30;
const email = (i: number) => `user${i}.x@example.com`;
let harness: EngineHarness;
afterEach(async () => harness?.close());

/** Every link of the target: a half-applied create shows as a link with an intent or without a remote id. */
async function targetLinks() {
  const links = [];
  for await (const page of harness.store.links.scan('target', 'User', 100)) links.push(...page);
  return links;
}

describe('stopping an outbound run part way', () => {
  it('finishes the writes in flight, records them, leaves the checkpoint alone, and a rerun converges with no duplicate', async () => {
    harness = await EngineHarness.start();
    harness.setExecution({ maxConcurrency: 3 });
    const reconciler = new OutboundReconciler({
      stores: harness.store,
      registry: harness.registry,
      pageSize: 10,
    });
    const sync = (mode: 'full' | 'incremental', signal?: AbortSignal) =>
      reconciler.run({
        connection: harness.connection,
        connector: harness.connector,
        manifest: harness.manifest,
        rules: harness.rules,
        objectType: 'User',
        mode,
        ...(signal ? { signal } : {}),
      });

    for (let i = 0; i < 5; i++) await harness.addUser(email(i));
    expect((await sync('full')).status).toBe('succeeded');
    const checkpoint = await harness.store.checkpoints.get('target', 'User', 'outbound');
    for (let i = 5; i < USERS; i++) await harness.addUser(email(i));

    // The stop comes while the 7th new create is on its way to the store; it and the others in
    // flight take a moment longer, so they finish after the stop.
    const controller = new AbortController();
    let creates = 0;
    const unhook = harness.target.faults.onStep(async (step) => {
      if (step.operation !== 'create' || step.phase !== 'before') return;
      if (++creates === 7) controller.abort('the server is shutting down');
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    const stopped = await sync('incremental', controller.signal);
    unhook();

    expect(stopped.status).toBe('cancelled');
    expect(stopped.reason).toContain('the server is shutting down');
    expect(stopped.reason).toContain('checkpoint was not advanced');
    const created = stopped.counts['create.succeeded'] ?? 0;
    // Every create that reached the store finished and was recorded; none started after the stop.
    expect(created).toBe(creates);
    expect(created).toBeGreaterThanOrEqual(7);
    expect(created).toBeLessThan(USERS - 5);
    expect(stopped.counts['create.cancelled']).toBe(USERS - 5 - created);
    expect(harness.target.all('User')).toHaveLength(5 + created);

    // Nothing half-applied: every remote user has a confirmed link, and no link waits on an intent.
    const links = await targetLinks();
    expect(links).toHaveLength(5 + created);
    expect(
      links.filter((link) => link.intent !== undefined || !link.remoteId || link.state !== 'in-sync'),
    ).toEqual([]);
    expect(new Set(links.map((link) => link.remoteId))).toEqual(
      new Set(harness.target.all('User').map((record) => record.remoteId)),
    );
    expect(await harness.store.checkpoints.get('target', 'User', 'outbound')).toEqual(checkpoint);

    const rerun = await sync('incremental');
    expect(rerun.status).toBe('succeeded');
    expect(rerun.counts['create.succeeded']).toBe(USERS - 5 - created);
    const userNames = harness.target.all('User').map((record) => String(record.attributes.userName));
    expect(userNames).toHaveLength(USERS);
    expect(new Set(userNames).size).toBe(USERS);
    expect((await targetLinks()).filter((link) => link.state !== 'in-sync')).toEqual([]);
  });

  it('a stop during planning carries nothing out', async () => {
    harness = await EngineHarness.start();
    const reconciler = new OutboundReconciler({
      stores: harness.store,
      registry: harness.registry,
      pageSize: 5,
    });
    for (let i = 0; i < 20; i++) await harness.addUser(email(i));
    const controller = new AbortController();
    let pages = 0;
    const scan = harness.store.hub.scan.bind(harness.store.hub);
    harness.store.hub.scan = async function* (...args: Parameters<typeof scan>) {
      for await (const page of scan(...args)) {
        if (++pages === 2) controller.abort('the server is shutting down');
        yield page;
      }
    };
    const run = await reconciler.run({
      connection: harness.connection,
      connector: harness.connector,
      manifest: harness.manifest,
      rules: harness.rules,
      objectType: 'User',
      mode: 'full',
      signal: controller.signal,
    });
    expect(run.status).toBe('cancelled');
    expect(run.reason).toContain('Stopped before carrying out the plan');
    // The stop came while the second page was being read: that page is not planned, no
    // further page is read, and nothing is written.
    expect(pages).toBe(2);
    expect(run.counts['planned.create']).toBe(5);
    expect(harness.target.all('User')).toHaveLength(0);
    expect(await harness.store.checkpoints.get('target', 'User', 'outbound')).toBeUndefined();
  });
});

describe('stopping an inbound run part way', () => {
  const hrRule: ProvisioningRule = {
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
    ],
  };

  it('stores the token of the last batch applied in full, and the next run picks up the rest with no duplicate', async () => {
    harness = await EngineHarness.start();
    const hr = harness.referenceStores.create({ name: 'hr', accessKey: 'hr-key' });
    // Change batches of five.
    const config = validateConnectorConfig(REFERENCE_MANIFEST, {
      name: 'hr',
      accessKey: 'hr-key',
      pageSize: 5,
    });
    const connector = createReferenceDefinition(harness.referenceStores).create(config, {
      connectionId: 'hr',
      log: () => undefined,
    }) as ReferenceConnector;
    const connection: Connection = {
      id: 'hr',
      name: 'HR',
      connectorId: 'reference',
      config,
      preferences: DEFAULT_CONNECTION_PREFERENCES,
      deletionGuard: DEFAULT_DELETION_GUARD,
      execution: DEFAULT_EXECUTION_SETTINGS,
    };
    const inbound = new InboundReconciler({
      stores: harness.store,
      registry: harness.registry,
      pageSize: 100,
    });
    const sync = (mode: 'full' | 'incremental', signal?: AbortSignal) =>
      inbound.run({
        connection,
        connector,
        manifest: REFERENCE_MANIFEST,
        rules: [hrRule],
        objectType: 'User',
        mode,
        ...(signal ? { signal } : {}),
      });

    hr.insert('User', { attributes: { userName: email(0), displayName: 'first' } });
    expect((await sync('full')).status).toBe('succeeded');
    const before = await harness.store.checkpoints.get('hr', 'User', 'inbound');
    for (let i = 1; i <= 20; i++)
      hr.insert('User', { attributes: { userName: email(i), displayName: `user ${i}` } });

    // Stop while the 12th new hub user is being written: batches 1 and 2 (users 1–10) are applied in full.
    const controller = new AbortController();
    const create = harness.store.hub.create.bind(harness.store.hub);
    let hubCreates = 0;
    harness.store.hub.create = (...args: Parameters<typeof create>) => {
      if (++hubCreates === 12) controller.abort('the server is shutting down');
      return create(...args);
    };
    const stopped = await sync('incremental', controller.signal);
    harness.store.hub.create = create;

    expect(stopped.status).toBe('cancelled');
    expect(stopped.counts['create.succeeded']).toBe(12);
    expect(stopped.counts['create.cancelled']).toBe(8);
    expect(await harness.store.hub.count('User')).toBe(13);
    const after = await harness.store.checkpoints.get('hr', 'User', 'inbound');
    expect(after?.token).toBeDefined();
    expect(after?.token).not.toBe(before?.token);

    const rerun = await sync('incremental');
    expect(rerun.status).toBe('succeeded');
    // From the last whole batch: users 11 and 12 are read again and found in place.
    expect(rerun.counts['source.objects']).toBe(10);
    expect(rerun.counts['create.succeeded']).toBe(8);
    expect(await harness.store.hub.count('User')).toBe(21);
    for (let i = 0; i <= 20; i++) expect(await harness.store.hub.findByUserName(email(i))).toBeDefined();
  });
});
