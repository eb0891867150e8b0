import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ChangeLog } from './change-log.js';
import { ReferenceStoreError } from './reference-store-error.js';

const AT = '2024-01-01T00:00:00.000Z';

function logWith(count: number): ChangeLog {
  const log = new ChangeLog();
  for (let index = 0; index < count; index += 1)
    log.append(index % 2 ? 'Group' : 'User', `id-${index}`, 'upsert', AT);
  return log;
}

describe('ChangeLog', () => {
  it('numbers entries 1, 2, 3… and reports the latest', () => {
    const log = new ChangeLog();
    expect(log.latest).toBe(0);
    expect(log.append('User', 'a', 'upsert', AT)).toBe(1);
    expect(log.append('User', 'a', 'delete', AT)).toBe(2);
    expect(log.latest).toBe(2);
    expect([...log.entriesAfter(0)].map((entry) => [entry.seq, entry.kind])).toEqual([
      [1, 'upsert'],
      [2, 'delete'],
    ]);
  });

  it('returns entries after a position up to a bound', () => {
    const log = logWith(6);
    expect([...log.entriesAfter(2, 4)].map((entry) => entry.seq)).toEqual([3, 4]);
    expect([...log.entriesAfter(6)]).toEqual([]);
  });

  it('after compaction, positions from the horizon on still resume and older ones throw expired-token', () => {
    const log = logWith(6);
    log.compact(4);
    expect(log.horizon).toBe(4);
    expect([...log.entriesAfter(4)].map((entry) => entry.seq)).toEqual([5, 6]);
    expect(() => [...log.entriesAfter(3)]).toThrow(ReferenceStoreError);
    expect(() => [...log.entriesAfter(3)]).toThrow(/compacted through position 4.*full reconciliation/);
  });

  it('a compaction that overtakes a reader in progress makes its next step throw', () => {
    const log = logWith(5);
    const reader = log.entriesAfter(0);
    expect(reader.next().value?.seq).toBe(1);
    log.compact(3);
    expect(() => reader.next()).toThrow(/no longer known/);
  });

  it('compaction never moves backwards or past the end', () => {
    const log = logWith(3);
    log.compact(2);
    log.compact(1);
    expect(log.horizon).toBe(2);
    log.compact(99);
    expect(log.horizon).toBe(3);
    expect(log.append('User', 'x', 'upsert', AT)).toBe(4);
    expect([...log.entriesAfter(3)].map((entry) => entry.remoteId)).toEqual(['x']);
  });

  it('property: for any compaction point, every resumable position yields exactly the later entries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.nat(), fc.nat(), (count, compactAt, resumeAt) => {
        const log = logWith(count);
        const through = count === 0 ? 0 : compactAt % (count + 1);
        log.compact(through);
        const from = through + (count - through === 0 ? 0 : resumeAt % (count - through + 1));
        const seqs = [...log.entriesAfter(from)].map((entry) => entry.seq);
        expect(seqs).toEqual(Array.from({ length: count - from }, (_, index) => from + index + 1));
      }),
    );
  });
});
