import { describe, expect, it } from '@jest/globals';
import { from, merge } from 'rxjs';
import { ConnectorError } from '../spi/connector-error.js';
import type { ExecutionWait } from './execution-waits.js';
import { Executor } from './executor.js';
import { ManualClock } from './manual-clock.js';
import { collect } from './testing/collect.js';
import { InstrumentedRunner } from './testing/instrumented-runner.js';

/** An executor on virtual time and every wait it reports. */
function observed() {
  const clock = new ManualClock();
  const executor = new Executor({ clock, random: () => 0 });
  const waits: ExecutionWait[] = [];
  executor.waits$.subscribe((wait) => waits.push(wait));
  const total = (reason: ExecutionWait['reason']) =>
    waits.filter((wait) => wait.reason === reason).reduce((sum, wait) => sum + wait.ms, 0);
  return { clock, executor, waits, total };
}

describe('Executor: waits, by what was waited for', () => {
  it('reports waits for rate-limit tokens, per connection', async () => {
    const { clock, executor, waits, total } = observed();
    const runner = new InstrumentedRunner(clock, () => ({ durationMs: 0 }));
    // One token at a time, one a second: the second and third operation wait a second each.
    collect(
      executor.execute('crm', from(['a', 'b', 'c']), runner.run, {
        maxConcurrency: 1,
        rateLimit: { capacity: 1, refillPerSecond: 1 },
      }),
    );
    await clock.runUntilIdle();
    expect(total('rate-limit')).toBe(2000);
    expect(total('retry-after')).toBe(0);
    expect(total('concurrency')).toBe(0);
    expect(new Set(waits.map((wait) => wait.connectionId))).toEqual(new Set(['crm']));
  });

  it('reports the time a Retry-After held the connection back apart from the rate limit', async () => {
    const { clock, executor, total } = observed();
    // "a" is throttled with Retry-After: 5s; "c" asks for a token while the connection is paused.
    const runner = new InstrumentedRunner(clock, (op: string, attempt) =>
      op === 'a' && attempt === 1
        ? { durationMs: 100, error: new ConnectorError('rate-limited', 'slow down', { retryAfterMs: 5000 }) }
        : { durationMs: 100 },
    );
    const results = collect(
      executor.execute('crm', from(['a', 'b', 'c']), runner.run, { maxConcurrency: 2 }),
    );
    await clock.runUntilIdle();
    expect(results.values.map((result) => result.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(total('retry-after')).toBe(5000);
    expect(total('rate-limit')).toBe(0);
  });

  it('reports waits for a concurrency slot when two streams share a connection', async () => {
    const { clock, executor, total } = observed();
    const runner = new InstrumentedRunner(clock, () => ({ durationMs: 100 }));
    const policy = { maxConcurrency: 1 };
    collect(
      merge(
        executor.execute('ldap', from(['user']), runner.run, policy),
        executor.execute('ldap', from(['group']), runner.run, policy),
      ),
    );
    await clock.runUntilIdle();
    // The second stream's operation waited for the first one's slot.
    expect(total('concurrency')).toBe(100);
    expect(total('rate-limit')).toBe(0);
  });
});
