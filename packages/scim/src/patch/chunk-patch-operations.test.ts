import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { applyPatch } from './apply-patch.js';
import { chunkPatchOperations } from './chunk-patch-operations.js';
import type { PatchOperation } from './patch-operation.js';
import { sampleGroup } from './test-fixtures/sample-resources.js';
import { groupContext } from './test-fixtures/test-registry.js';

const members = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ value: `u${from + i}` }));
const removeMember = (id: string): PatchOperation => ({ op: 'remove', path: `members[value eq "${id}"]` });
const weightOf = (request: PatchOperation[]) =>
  request.reduce((sum, op) => sum + (Array.isArray(op.value) ? Math.max(1, op.value.length) : 1), 0);

describe('chunkPatchOperations', () => {
  it('keeps small changes in one request', () => {
    const operations: PatchOperation[] = [
      removeMember('a'),
      { op: 'add', path: 'members', value: members(0, 3) },
    ];
    expect(chunkPatchOperations(operations, { maxValuesPerRequest: 100 })).toEqual([operations]);
  });

  it('splits 250 new members into requests of at most 100 (AWS IAM Identity Center)', () => {
    const requests = chunkPatchOperations([{ op: 'add', path: 'members', value: members(0, 250) }], {
      maxValuesPerRequest: 100,
    });
    expect(requests.map((r) => r.map((op) => [op.op, (op.value as unknown[]).length]))).toEqual([
      [['add', 100]],
      [['add', 100]],
      [['add', 50]],
    ]);
    expect(requests.flat().flatMap((op) => op.value as unknown[])).toEqual(members(0, 250));
  });

  it('counts each filtered remove as one change, keeps order, and keeps an operation that fits a request whole', () => {
    const removes = Array.from({ length: 150 }, (_, i) => removeMember(`old${i}`));
    const requests = chunkPatchOperations(
      [...removes, { op: 'add', path: 'members', value: members(0, 60) }],
      { maxValuesPerRequest: 100 },
    );
    expect(requests.map(weightOf)).toEqual([100, 50, 60]);
    expect(requests[2]).toEqual([{ op: 'add', path: 'members', value: members(0, 60) }]);
    expect(requests.flat().filter((op) => op.op === 'remove')).toEqual(removes);
  });

  it('turns a split replace into a replace followed by adds', () => {
    const requests = chunkPatchOperations([{ op: 'replace', path: 'members', value: members(0, 5) }], {
      maxValuesPerRequest: 2,
    });
    expect(requests.flat().map((op) => op.op)).toEqual(['replace', 'add', 'add']);
  });

  it('honours maxOperationsPerRequest', () => {
    const requests = chunkPatchOperations([removeMember('a'), removeMember('b'), removeMember('c')], {
      maxValuesPerRequest: 100,
      maxOperationsPerRequest: 2,
    });
    expect(requests.map((r) => r.length)).toEqual([2, 1]);
  });

  it('rejects limits that are not positive integers', () => {
    expect(() => chunkPatchOperations([], { maxValuesPerRequest: 0 })).toThrow(RangeError);
    expect(() => chunkPatchOperations([], { maxValuesPerRequest: 10, maxOperationsPerRequest: 1.5 })).toThrow(
      RangeError,
    );
  });

  it('applying the requests one after another gives the same group as the unsplit operations', () => {
    const operation = fc.oneof(
      fc.record({
        op: fc.constantFrom('add' as const, 'replace' as const),
        path: fc.constant('members'),
        value: fc.integer({ min: 0, max: 40 }).chain((n) => fc.constant(members(n, n % 17))),
      }),
      fc
        .integer({ min: 0, max: 60 })
        .map((n) => ({ op: 'remove' as const, path: 'members', value: [{ value: `u${n}` }] })),
    );
    fc.assert(
      fc.property(
        fc.array(operation, { maxLength: 8 }),
        fc.integer({ min: 1, max: 7 }),
        (operations, max) => {
          const requests = chunkPatchOperations(operations, { maxValuesPerRequest: max });
          for (const request of requests) {
            expect(weightOf(request) <= max || request.length === 1).toBe(true);
          }
          let group = sampleGroup();
          for (const request of requests) group = applyPatch(group, request, groupContext).resource;
          expect(group).toEqual(applyPatch(sampleGroup(), operations, groupContext).resource);
        },
      ),
      { numRuns: 200 },
    );
  });
});
