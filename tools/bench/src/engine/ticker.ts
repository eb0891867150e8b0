interface Task {
  readonly everyMs: number;
  last: number;
  readonly run: () => void;
}

const TIMER_MS = 25;

/**
 * Periodic work (memory samples, progress lines, ANALYZE) that runs even while the event loop
 * does not turn. PGlite answers a query inside the promise chain that asked for it — no I/O,
 * no timer — so a reconciliation on PGlite is one long run of microtasks and a `setInterval`
 * does not fire until it ends. The benchmark therefore also calls `tick()` from inside the
 * work (every store call, every loaded batch); a timer covers the stores that do yield.
 */
export class Ticker {
  private readonly tasks = new Set<Task>();
  private timer: NodeJS.Timeout | undefined;

  /** `now` in milliseconds; tests pass a clock of their own. */
  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Runs `run` about every `everyMs` until the returned function is called. */
  every(everyMs: number, run: () => void): () => void {
    const task: Task = { everyMs, last: this.now(), run };
    this.tasks.add(task);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), TIMER_MS);
      this.timer.unref();
    }
    return () => {
      this.tasks.delete(task);
      if (this.tasks.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  /** Runs the tasks that are due; cheap enough to call on every store call. */
  tick(): void {
    if (this.tasks.size === 0) return;
    const now = this.now();
    for (const task of this.tasks) {
      if (now - task.last < task.everyMs) continue;
      task.last = now;
      task.run();
    }
  }
}
