import type { Connector, EngineStores } from '@idsync/core';

/** What a simulated crash throws: the process "dies" here, and nothing after it happens. */
export class ProcessDied extends Error {
  constructor(readonly where: string) {
    super(`simulated crash: ${where}`);
    this.name = 'ProcessDied';
  }
}

/** Which remote call kills the process, and when: before it is sent, or after the target answered. */
export interface CrashTrigger {
  /** A connector method: `create`, `patch`, `replace`, `addMembers`… */
  readonly method: string;
  /** Only calls whose arguments match count (e.g. `create` of a Group). */
  readonly when?: (args: readonly unknown[]) => boolean;
  /** `before`: the request is never sent. `after`: the target wrote it, the engine never hears back. */
  readonly phase: 'before' | 'after';
  /** Dies on the nth matching call (1 = the first). */
  readonly nth: number;
}

type AnyFunction = (...args: unknown[]) => unknown;

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * Kills the engine's "process" at a remote call of the SCIM connector. The crash is an
 * exception thrown there; from then on every store call and every further connector call
 * fails too, as nothing runs in a dead process (a bare exception would be caught by the
 * executor and recorded as one failed operation, which is not a crash). What the target and
 * the store hold at that moment is what a real crash leaves; the test then abandons this
 * reconciler and connector and starts new ones over the same store and target.
 *
 * It works on views: `stores` and `connector` return wrappers for the reconciler that is to
 * die, and leave the real store and connector untouched for the process that follows.
 */
export class ProcessCrash {
  private dead: ProcessDied | undefined;
  private remaining: number;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly trigger: CrashTrigger) {
    this.remaining = trigger.nth;
  }

  get crashed(): ProcessDied | undefined {
    return this.dead;
  }

  /**
   * Waits for the remote calls the dead process still had on the wire. A real crash would
   * leave them to land or not; waiting makes the test see one outcome every time: they land
   * before the next process starts, as the writes of a process that died just after sending.
   */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** The store ports as the doomed process sees them: every call fails once it has died. */
  stores(real: EngineStores): EngineStores {
    const wrap = <T extends object>(port: T): T =>
      new Proxy(port, {
        get: (target, property) => {
          const value: unknown = Reflect.get(target, property, target);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (this.dead) throw this.dead;
            const result = (value as AnyFunction).apply(target, args);
            return isAsyncIterable(result) ? this.pages(result) : result;
          };
        },
      });
    return {
      hub: wrap(real.hub),
      links: wrap(real.links),
      checkpoints: wrap(real.checkpoints),
      runs: wrap(real.runs),
      audit: wrap(real.audit),
    };
  }

  /** The connector as the doomed process sees it: the trigger call kills it, later calls fail. */
  connector<C extends Connector>(real: C): C {
    return new Proxy(real, {
      get: (target, property) => {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        const method = String(property);
        return (...args: unknown[]) => {
          if (this.dead) throw this.dead;
          const fires =
            method === this.trigger.method && (this.trigger.when?.(args) ?? true) && --this.remaining === 0;
          if (fires && this.trigger.phase === 'before') this.die(`before ${method}`);
          const result = (value as AnyFunction).apply(target, args);
          // Observables (read, readMembers) pass through; promises are where the writes are.
          if (!(result instanceof Promise)) return result;
          this.inFlight.add(result);
          void result.then(
            () => this.inFlight.delete(result),
            () => this.inFlight.delete(result),
          );
          return result.then((answer: unknown) => {
            if (fires) this.die(`after ${method}`);
            if (this.dead) throw this.dead;
            return answer;
          });
        };
      },
    });
  }

  private die(where: string): never {
    this.dead ??= new ProcessDied(where);
    throw this.dead;
  }

  private async *pages(source: AsyncIterable<unknown>): AsyncGenerator<unknown> {
    for await (const page of source) {
      if (this.dead) throw this.dead;
      yield page;
    }
  }
}
