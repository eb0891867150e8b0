import { measureSync, type SyncFigures } from './measure-sync.js';
import { ScimBenchEngine } from './scim-bench-engine.js';

/** The phases of one latency case, in the order they run. */
export const SYNC_PHASES = {
  create: 'create (full, empty target)',
  unchangedFull: 'unchanged (full, linked)',
  unchangedIncremental: 'unchanged (incremental, linked)',
  updateFull: 'update title (full)',
  updateIncremental: 'update title (incremental)',
} as const;

export interface LatencyCaseReport {
  readonly users: number;
  readonly latencyMs: number;
  readonly phases: SyncFigures[];
  /** Users on the target at the end, and how many carry the last title: the work was real. */
  readonly remoteUsers: number;
  readonly remoteUsersWithLastTitle: number;
}

/**
 * Against one simulated target with `latencyMs` added to every request: provision every hub
 * user to the empty target, sync again with nothing changed (full, then incremental), change
 * every user's title and sync fully, change it again and sync incrementally.
 */
export async function measureLatencyCase(users: number, latencyMs: number): Promise<LatencyCaseReport> {
  const engine = await ScimBenchEngine.start({ users, latencyMs });
  try {
    const phases: SyncFigures[] = [];
    phases.push(await measureSync(engine, SYNC_PHASES.create, 'full'));
    phases.push(await measureSync(engine, SYNC_PHASES.unchangedFull, 'full'));
    phases.push(await measureSync(engine, SYNC_PHASES.unchangedIncremental, 'incremental'));
    await engine.retitleEveryone('Bench title 1');
    phases.push(await measureSync(engine, SYNC_PHASES.updateFull, 'full'));
    await engine.retitleEveryone('Bench title 2');
    phases.push(await measureSync(engine, SYNC_PHASES.updateIncremental, 'incremental'));
    const remote = engine.simulator.store.users.all();
    return {
      users,
      latencyMs,
      phases,
      remoteUsers: remote.length,
      remoteUsersWithLastTitle: remote.filter((user) => user.title === 'Bench title 2').length,
    };
  } finally {
    await engine.close();
  }
}
