import { describe, expect, it } from '@jest/globals';
import { chunkClauses, encodedLength, joinClauses } from './lookup-chunks.js';
import { mapConcurrently } from './map-concurrently.js';

describe('chunkClauses', () => {
  const clauses = (count: number, length = 10) =>
    Array.from({ length: count }, (_, index) => `id eq "${String(index).padStart(length, '0')}"`);

  it('splits by clause count, keeping every index once and in order', () => {
    const chunks = chunkClauses(clauses(120), 50, 100_000);
    expect(chunks.map((chunk) => chunk.length)).toEqual([50, 50, 20]);
    expect(chunks.flat()).toEqual(Array.from({ length: 120 }, (_, index) => index));
  });

  it('splits by the encoded length of the joined filter', () => {
    const all = clauses(30);
    const room = 200;
    const chunks = chunkClauses(all, 50, room);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks)
      expect(encodedLength(joinClauses(chunk.map((index) => all[index]!)))).toBeLessThanOrEqual(room);
    expect(chunks.flat()).toHaveLength(30);
  });

  it('sends a clause longer than the room on its own rather than dropping it', () => {
    const all = ['id eq "a"', `id eq "${'x'.repeat(500)}"`, 'id eq "b"'];
    expect(chunkClauses(all, 50, 100)).toEqual([[0], [1], [2]]);
  });

  it('counts what URL encoding adds (quotes, spaces, non-ASCII)', () => {
    expect(encodedLength('id eq "é"')).toBe('id+eq+%22%C3%A9%22'.length);
  });
});

describe('mapConcurrently', () => {
  it('keeps at most `limit` calls in flight and the results in order', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapConcurrently([5, 4, 3, 2, 1, 0], 2, async (value) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return value * 10;
    });
    expect(results).toEqual([50, 40, 30, 20, 10, 0]);
    expect(most).toBe(2);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    const failure = mapConcurrently([0, 1, 2, 3, 4], 1, async (value) => {
      started.push(value);
      if (value === 1) throw new Error('boom');
      return value;
    });
    await expect(failure).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
  });
});
