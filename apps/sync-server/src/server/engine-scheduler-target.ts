import type { ServerConfig } from '../config/config-schema.js';
import type { SyncEngine } from '../engine/sync-engine.js';
import type { SchedulerTarget } from '../scheduler/scheduler-target.js';

/** The scheduler's view of the engine: intervals per connection (its own, else the file's global ones). */
export function engineSchedulerTarget(engine: SyncEngine, config: ServerConfig): SchedulerTarget {
  return {
    connections: () =>
      engine.catalog.listConnections().map(({ definition }) => ({
        name: definition.name,
        intervals: { ...config.schedules, ...definition.schedules },
      })),
    directions: (name) => [...engine.work(name).keys()],
    outboundBehind: (name) => engine.outboundBehind(name),
    lastFullReconciliation: async (name) => {
      let latest: number | undefined;
      for (const [direction, types] of engine.work(name)) {
        for (const type of types) {
          const at = (await engine.store.checkpoints.get(name, type, direction))?.lastFullReconciliationAt;
          if (at && (latest === undefined || Date.parse(at) > latest)) latest = Date.parse(at);
        }
      }
      return latest;
    },
    busy: (name) => engine.busy(name),
    sync: (name, request) => engine.sync(name, request),
  };
}
