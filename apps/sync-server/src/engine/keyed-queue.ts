/**
 * Runs work one at a time per key (per connection), in arrival order: a scheduled run and a
 * run asked for through the API never overlap on one connection, and the engine's checkpoints
 * stay consistent. Different keys run in parallel.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly waiting = new Map<string, number>();
  private readonly inFlight = new Set<Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    this.waiting.set(key, (this.waiting.get(key) ?? 0) + 1);
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(
      () => this.start(key, work),
      () => this.start(key, work),
    );
    const settled = result.catch(() => undefined);
    this.tails.set(key, settled);
    this.inFlight.add(settled);
    void settled.then(() => {
      this.inFlight.delete(settled);
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return result;
  }

  /** Work queued behind running work, per key: the scheduler's queue depth. */
  depth(): Map<string, number> {
    return new Map(this.waiting);
  }

  /** True while anything runs or waits for the key. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }

  /** Resolves when everything queued so far has finished. */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private start<T>(key: string, work: () => Promise<T>): Promise<T> {
    const left = (this.waiting.get(key) ?? 1) - 1;
    if (left > 0) this.waiting.set(key, left);
    else this.waiting.delete(key);
    return work();
  }
}
