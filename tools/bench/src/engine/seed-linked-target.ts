import { applyMappings, compileRule, mergeMappedObjects, resourceHash, type Link } from '@idsync/core';
import { BENCH_CONNECTION_ID, type BenchEngine } from './bench-engine.js';
import type { PhaseResult } from './measure-phase.js';

const PAGE = 1000;

/**
 * Brings the target to the state a successful full run leaves, without running the engine:
 * every hub user mapped with the rule's own compiled mappings, created through the reference
 * connector, linked in sync with the hash of what was applied, and the checkpoint at the head
 * of the change feed. Used where a measured run would take too long to serve as the seed (1M
 * users); the steady-state plan that follows checks the seed — a user seeded differently from
 * what the engine would have done shows up in that plan as an update or a confirm.
 */
export async function seedLinkedTarget(engine: BenchEngine): Promise<PhaseResult> {
  const { store, connector } = engine;
  const rules = engine.rules.map((rule) => compileRule(rule, engine.registry));
  const ruleIds = rules.map((rule) => rule.rule.id);
  const mapped = (source: Parameters<typeof applyMappings>[1], isCreate: boolean) =>
    mergeMappedObjects(rules.map((rule) => applyMappings(rule.mappings, source, { isCreate }))).resource;
  const cursor = await store.hub.latestChangeCursor();
  const now = new Date().toISOString();
  let seeded = 0;
  for await (const page of store.hub.scan('User', { pageSize: PAGE })) {
    const links: Link[] = [];
    for (const object of page) {
      const created = await connector.create('User', mapped(object.resource, true));
      links.push({
        connectionId: BENCH_CONNECTION_ID,
        objectType: 'User',
        hubId: object.id,
        remoteId: created.remoteId,
        ruleIds,
        lastAppliedHash: resourceHash(mapped(object.resource, false)),
        state: 'in-sync',
        attempts: 0,
        lastSuccessAt: now,
        updatedAt: now,
      });
    }
    await store.links.putMany(links);
    seeded += links.length;
    engine.ticker.tick();
  }
  await store.checkpoints.put({
    connectionId: BENCH_CONNECTION_ID,
    objectType: 'User',
    direction: 'outbound',
    ...(cursor !== undefined ? { token: cursor } : {}),
    lastFullReconciliationAt: now,
    updatedAt: now,
  });
  return {
    objects: seeded,
    details: { remoteObjects: engine.target.count('User'), links: seeded, checkpoint: cursor },
  };
}
