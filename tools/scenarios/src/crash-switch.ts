import type { OperationStep } from '@idsync/connector-testkit';
import type { EngineStores } from '@idsync/core';
import type { EngineHarness } from './engine-harness.js';

/** What a simulated crash throws: the process "dies" here, and nothing after it happens. */
export class SimulatedCrash extends Error {
  constructor(readonly where: string) {
    super(`simulated crash: ${where}`);
    this.name = 'SimulatedCrash';
  }
}

/**
 * The methods of each store port (the engine's whole view of the store), spelled out rather than
 * discovered so that a store's private helpers are never wrapped. `satisfies` keeps the lists
 * in step with the port interfaces: a renamed method fails to compile here.
 */
const PORT_METHODS = {
  hub: [
    'listPopulations',
    'getPopulation',
    'putPopulation',
    'defaultPopulation',
    'get',
    'existingIds',
    'findByUserName',
    'findByExternalId',
    'findByEmail',
    'create',
    'replace',
    'move',
    'delete',
    'scan',
    'count',
    'search',
    'groupsOf',
    'membersOf',
    'changesAfter',
    'latestChangeCursor',
    'transaction',
  ],
  links: [
    'get',
    'getMany',
    'getByRemoteId',
    'put',
    'putMany',
    'release',
    'scan',
    'scanByRule',
    'countByState',
    'recordMemberships',
    'forgetMemberships',
    'createdMemberships',
  ],
  checkpoints: ['get', 'put', 'delete'],
  runs: ['create', 'update', 'get', 'list', 'appendOperations', 'operations', 'approve', 'approval'],
  audit: ['append', 'query'],
} as const satisfies { readonly [P in keyof EngineStores]: readonly (keyof EngineStores[P])[] };

export type StorePort = keyof typeof PORT_METHODS;
type MethodOf<P extends StorePort> = (typeof PORT_METHODS)[P][number];

type AnyFunction = (...args: unknown[]) => unknown;

interface StoreTrigger {
  readonly port: StorePort;
  readonly method: string;
  readonly when: (args: readonly unknown[]) => boolean;
  /** Crash on the nth matching call (1 = the first). */
  remaining: number;
  /** For a method returning pages: crash before this page (0 = the first) instead of at the call. */
  readonly page?: number;
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * Kills the engine's "process" at a chosen point. The crash is an exception thrown there; from
 * then on every call to the store and every remote call fails too, as nothing runs in a dead
 * process (a bare exception would be caught by the executor and recorded as one failed
 * operation, which is not a crash). The store and the remote target keep exactly what was
 * written before the crash; `disarm` then puts everything back, and the test restarts the
 * engine with a new reconciler over the same store and target.
 */
export class CrashSwitch {
  private dead: SimulatedCrash | undefined;
  private readonly triggers: StoreTrigger[] = [];
  private readonly restorers: (() => void)[] = [];

  constructor(private readonly harness: EngineHarness) {
    for (const port of Object.keys(PORT_METHODS) as StorePort[]) this.wrapPort(port);
    // A dead process sends nothing more: every remote call fails before it touches the store.
    this.restorers.push(
      harness.target.faults.onStep((step) => {
        if (this.dead && step.phase !== 'after-write') throw this.dead;
      }),
    );
  }

  /** Where the process died, once it has. */
  get crashed(): SimulatedCrash | undefined {
    return this.dead;
  }

  /** Dies now (idempotent: a second crash point reached while dying changes nothing). */
  trip(where: string): never {
    this.dead ??= new SimulatedCrash(where);
    throw this.dead;
  }

  /**
   * Dies at a step of a remote call: phase `before` is "before the remote write", phase
   * `after-write` is "the remote store has written, the engine has not heard back".
   */
  atRemoteStep(matches: (step: OperationStep) => boolean, nth = 1): this {
    let remaining = nth;
    this.restorers.push(
      this.harness.target.faults.onStep((step) => {
        if (this.dead || !matches(step)) return;
        if (--remaining === 0) this.trip(`${step.phase} ${step.operation} ${step.remoteId ?? ''}`.trim());
      }),
    );
    return this;
  }

  /** Dies on the nth call of a store method for which `when` holds; that call does not happen. */
  atStoreCall<P extends StorePort>(
    port: P,
    method: MethodOf<P>,
    options: { nth?: number; when?: (args: readonly unknown[]) => boolean } = {},
  ): this {
    this.triggers.push({ port, method, when: options.when ?? (() => true), remaining: options.nth ?? 1 });
    return this;
  }

  /** Dies before page `page` (0 = the first) of a paged store read such as `hub.scan` is handed over. */
  atStorePage<P extends StorePort>(port: P, method: MethodOf<P>, page: number): this {
    this.triggers.push({ port, method, when: () => true, remaining: 1, page });
    return this;
  }

  /** Puts every port back and removes every hook: the next process starts with a clean slate. */
  disarm(): void {
    for (const restore of this.restorers.splice(0).reverse()) restore();
    this.triggers.length = 0;
  }

  private wrapPort(port: StorePort): void {
    const target = this.harness.store[port] as unknown as Record<string, AnyFunction>;
    for (const name of PORT_METHODS[port] as readonly string[]) {
      const original = target[name]!;
      const hadOwn = Object.hasOwn(target, name);
      target[name] = (...args: unknown[]) => {
        this.beforeCall(port, name, args);
        const result = original.apply(target, args);
        return isAsyncIterable(result) ? this.pages(port, name, result) : result;
      };
      this.restorers.push(() => {
        if (hadOwn) target[name] = original;
        else delete target[name];
      });
    }
  }

  private beforeCall(port: StorePort, method: string, args: readonly unknown[]): void {
    if (this.dead) throw this.dead;
    const trigger = this.triggers.find(
      (t) =>
        t.port === port && t.method === method && t.page === undefined && t.remaining > 0 && t.when(args),
    );
    if (trigger && --trigger.remaining === 0) this.trip(`${port}.${method}`);
  }

  private async *pages(
    port: StorePort,
    method: string,
    source: AsyncIterable<unknown>,
  ): AsyncGenerator<unknown> {
    let index = 0;
    for await (const page of source) {
      if (this.dead) throw this.dead;
      const trigger = this.triggers.find(
        (t) => t.port === port && t.method === method && t.page === index && t.remaining > 0,
      );
      if (trigger) {
        trigger.remaining = 0;
        this.trip(`${port}.${method} page ${index}`);
      }
      index++;
      yield page;
    }
  }
}
