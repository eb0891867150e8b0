import type { EngineStores } from '@idsync/core';
import type { Ticker } from './ticker.js';

/** Calls per store method ("links.get": 100000), for one phase. */
export type StoreCallCounts = Record<string, number>;

/**
 * The engine's stores with every method call counted. The counts go into the report next to
 * the timings: a figure that says "one `links.get` per user" explains a plan's cost better
 * than a profile does, and shows at a glance when a phase does per-object round trips.
 */
export class StoreCallCounter {
  private counts = new Map<string, number>();

  /** `ticker` is ticked on every call: the store calls are the heartbeat of a PGlite run (see Ticker). */
  constructor(private readonly ticker?: Ticker) {}

  wrap(stores: EngineStores): EngineStores {
    return {
      hub: this.counting('hub', stores.hub),
      links: this.counting('links', stores.links),
      checkpoints: this.counting('checkpoints', stores.checkpoints),
      runs: this.counting('runs', stores.runs),
      audit: this.counting('audit', stores.audit),
    };
  }

  /** The counts since the last `take`, sorted by name. */
  peek(): StoreCallCounts {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** The counts since the last `take`, sorted by name; starts a new count. */
  take(): StoreCallCounts {
    const taken = this.peek();
    this.counts = new Map();
    return taken;
  }

  private counting<T extends object>(prefix: string, target: T): T {
    return new Proxy(target, {
      get: (object, property, receiver) => {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        const key = `${prefix}.${property}`;
        return (...args: unknown[]) => {
          this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
          this.ticker?.tick();
          return (value as (...parameters: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  }
}
