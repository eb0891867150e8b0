import { describe, expect, it } from '@jest/globals';
import { KeyedQueue } from './keyed-queue.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('KeyedQueue', () => {
  it('runs work for one key one at a time, in order, and other keys alongside', async () => {
    const queue = new KeyedQueue();
    const events: string[] = [];
    const first = deferred();
    const a1 = queue.run('a', async () => {
      events.push('a1 start');
      await first.promise;
      events.push('a1 end');
    });
    const a2 = queue.run('a', async () => void events.push('a2'));
    const b1 = queue.run('b', async () => void events.push('b1'));
    await b1;
    expect(events).toEqual(['a1 start', 'b1']);
    expect(queue.depth().get('a')).toBe(1);
    expect(queue.busy('a')).toBe(true);
    first.resolve();
    await Promise.all([a1, a2]);
    expect(events).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
    await queue.drain();
    expect(queue.busy('a')).toBe(false);
    expect(queue.depth().size).toBe(0);
  });

  it('goes on with the next work after a failure, which reaches only its own caller', async () => {
    const queue = new KeyedQueue();
    const failing = queue.run('a', async () => {
      throw new Error('boom');
    });
    const next = queue.run('a', async () => 'ok');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });

  it('drain waits for work queued behind running work', async () => {
    const queue = new KeyedQueue();
    const gate = deferred();
    const done: string[] = [];
    void queue.run('a', async () => {
      await gate.promise;
      done.push('1');
    });
    void queue.run('a', async () => void done.push('2'));
    const drained = queue.drain();
    gate.resolve();
    await drained;
    expect(done).toEqual(['1', '2']);
  });
});
