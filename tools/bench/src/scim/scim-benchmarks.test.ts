import { describe, expect, it } from '@jest/globals';
import { generateUsers } from '../generate-users.js';
import { BENCH_FILTERS, runScimBenchmarks } from './scim-benchmarks.js';

describe('SCIM benchmarks', () => {
  // A small run: this checks that every case does real work and reports it, not how fast it is.
  const results = runScimBenchmarks({ users: 400, iterations: 1 });

  it('measures every filter over every user', () => {
    for (const label of Object.keys(BENCH_FILTERS)) {
      const result = results.find((r) => r.name === `filter.evaluate ${label}`);
      expect(result?.details).toMatchObject({ users: 400 });
      expect(result?.operationsPerSecond).toBeGreaterThan(0);
    }
  });

  it('reports match counts that agree with a direct computation', () => {
    const users = generateUsers(400);
    const expected = users.filter((u) =>
      (u.emails as { value: string }[]).some((e) => e.value.toLowerCase().includes('@example.org')),
    ).length;
    const result = results.find(
      (r) => r.name === 'filter.evaluate emails co (multi-valued, case-insensitive)',
    );
    expect(result?.details?.matches).toBe(expected);
    expect(expected).toBeGreaterThan(0);
  });

  it('applies every patch and diffs back to a non-empty PatchOp', () => {
    const apply = results.find((r) => r.name.startsWith('patch.apply'));
    const diff = results.find((r) => r.name.startsWith('patch.diff'));
    expect(apply?.details).toEqual({ resources: 400, changed: 400 });
    expect((diff?.details?.operations as number) / 400).toBeGreaterThanOrEqual(4);
  });
});
