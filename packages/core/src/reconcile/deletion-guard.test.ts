import { describe, expect, it } from '@jest/globals';
import { evaluateDeletionGuard, type GuardInput } from './deletion-guard.js';

const base: GuardInput = {
  read: { complete: true, objectCount: 1000, previousObjectCount: 1000 },
  removals: 5,
  linkedObjects: 1000,
  settings: { maxShare: 0.1, maxCount: 500, minRemovalsForShare: 10 },
  approved: false,
};

describe('evaluateDeletionGuard', () => {
  it('lets a healthy run with few removals proceed', () => {
    expect(evaluateDeletionGuard(base)).toEqual({ verdict: 'proceed' });
  });

  it('withholds removals when the source read failed, even if approved', () => {
    const decision = evaluateDeletionGuard({
      ...base,
      approved: true,
      read: { complete: false, objectCount: 400, failure: 'HTTP 503 on page 5' },
    });
    expect(decision.verdict).toBe('withhold-removals');
    expect(decision).toMatchObject({ reason: expect.stringContaining('HTTP 503 on page 5') });
  });

  it('stops for approval when the source is empty, and proceeds once approved', () => {
    const empty = { ...base, removals: 1000, read: { complete: true, objectCount: 0 } };
    expect(evaluateDeletionGuard(empty)).toMatchObject({
      verdict: 'await-approval',
      reason: expect.stringContaining('no objects'),
    });
    expect(evaluateDeletionGuard({ ...empty, approved: true }).verdict).toBe('proceed');
  });

  it('treats a read that shrank by more than half as suspicious', () => {
    const decision = evaluateDeletionGuard({
      ...base,
      read: { complete: true, objectCount: 400, previousObjectCount: 1000 },
    });
    expect(decision.verdict).toBe('await-approval');
    expect(
      evaluateDeletionGuard({
        ...base,
        read: { complete: true, objectCount: 600, previousObjectCount: 1000 },
      }).verdict,
    ).toBe('proceed');
  });

  it('stops for approval beyond the count threshold', () => {
    const decision = evaluateDeletionGuard({ ...base, removals: 501, linkedObjects: 100_000 });
    expect(decision).toMatchObject({ verdict: 'await-approval', reason: expect.stringContaining('501') });
  });

  it('stops for approval beyond the share threshold, from the minimum number of removals on', () => {
    expect(evaluateDeletionGuard({ ...base, removals: 11, linkedObjects: 100 }).verdict).toBe(
      'await-approval',
    );
    expect(evaluateDeletionGuard({ ...base, removals: 9, linkedObjects: 20 }).verdict).toBe('proceed');
  });

  it('proceeds past the thresholds once approved', () => {
    expect(evaluateDeletionGuard({ ...base, removals: 900, approved: true }).verdict).toBe('proceed');
  });

  it('never stops a run without removals', () => {
    expect(
      evaluateDeletionGuard({ ...base, removals: 0, read: { complete: false, objectCount: 0 } }).verdict,
    ).toBe('proceed');
  });
});
