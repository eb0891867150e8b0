import type { ObjectType } from '@idsync/core';
import type { ScimResource } from '@idsync/scim';
import { REFERENCE_OPERATIONS, type ReferenceOperation } from './reference-operation.js';

/** One call of a connector operation, as faults and hooks see it. */
export interface OperationCall {
  readonly operation: ReferenceOperation;
  readonly type?: ObjectType;
  /** The object (or group) the call is about; absent for create, read, find… */
  readonly remoteId?: string;
  /** The resource sent by create and replace. */
  readonly resource?: ScimResource;
  readonly memberIds?: readonly string[];
  /** The objects a batch look-up by id (`getMany`) asks for. */
  readonly remoteIds?: readonly string[];
}

/**
 * Where in an operation a step hook runs:
 * - `before`: after the call was counted and passed the fault check, before the store is touched;
 * - `after-write`: the store has been written, the caller has not been answered yet — throw
 *   here to simulate a crash or a lost response after a successful write;
 * - `page`: before each page (or change batch) of a stream is emitted — throw here to simulate
 *   a read that fails part-way.
 */
export type StepPhase = 'before' | 'after-write' | 'page';

export interface OperationStep extends OperationCall {
  readonly phase: StepPhase;
  /** For `page`: 0 for the first page. */
  readonly pageIndex?: number;
}

export type StepHook = (step: OperationStep) => void | Promise<void>;

type ErrorSource = Error | (() => Error);

interface ScheduledFault {
  readonly matches: (call: OperationCall) => boolean;
  readonly error: ErrorSource;
  remaining: number;
}

const lower = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.toLowerCase() : undefined;

/**
 * Fault injection and call counting for the reference connector, for tests of the engine:
 * fail the next calls of an operation (a 429 with Retry-After, an outage), fail every call
 * about one object, count calls ("exactly one create"), and run code between the steps of an
 * operation (crash after the write). Faults are checked in the order they were added.
 */
export class FaultInjector {
  private readonly counts = new Map<ReferenceOperation, number>();
  private faults: ScheduledFault[] = [];
  private hooks: StepHook[] = [];

  /** The next `times` calls of `operation` throw `error` (or what the function returns) instead of running. */
  failNext(operation: ReferenceOperation, error: ErrorSource, times = 1): this {
    return this.failWhen((call) => call.operation === operation, error, times);
  }

  /** Calls for which `matches` is true throw `error`, `times` times (default: until `clear`). */
  failWhen(
    matches: (call: OperationCall) => boolean,
    error: ErrorSource,
    times = Number.POSITIVE_INFINITY,
  ): this {
    this.faults.push({ matches, error, remaining: times });
    return this;
  }

  /**
   * Every call about one object fails: `key` is a remote id, or a userName / group displayName
   * (without case) so that a create can be failed before the object has an id.
   */
  failForObject(key: string, error: ErrorSource, operations?: readonly ReferenceOperation[]): this {
    const wanted = key.toLowerCase();
    return this.failWhen((call) => {
      if (operations && !operations.includes(call.operation)) return false;
      if (call.remoteId !== undefined && call.remoteId.toLowerCase() === wanted) return true;
      if (call.memberIds?.some((id) => id.toLowerCase() === wanted)) return true;
      if (call.remoteIds?.some((id) => id.toLowerCase() === wanted)) return true;
      const resource = call.resource;
      return (
        resource !== undefined &&
        (lower(resource.userName) === wanted || lower(resource.displayName) === wanted)
      );
    }, error);
  }

  /** Runs `hook` at every step of every operation; returns a function that removes it. */
  onStep(hook: StepHook): () => void {
    this.hooks.push(hook);
    return () => {
      this.hooks = this.hooks.filter((existing) => existing !== hook);
    };
  }

  /** How many times `operation` was called, failed calls included. */
  callCount(operation: ReferenceOperation): number {
    return this.counts.get(operation) ?? 0;
  }

  /** Every operation's call count. */
  callCounts(): Record<ReferenceOperation, number> {
    return Object.fromEntries(
      REFERENCE_OPERATIONS.map((operation) => [operation, this.callCount(operation)]),
    ) as Record<ReferenceOperation, number>;
  }

  resetCounts(): void {
    this.counts.clear();
  }

  /** Removes every fault and hook (counts are kept; see `resetCounts`). */
  clear(): void {
    this.faults = [];
    this.hooks = [];
  }

  /** Called by the connector on entry: counts the call, throws a scheduled fault, runs `before` hooks. */
  async enter(call: OperationCall): Promise<void> {
    this.counts.set(call.operation, this.callCount(call.operation) + 1);
    const fault = this.faults.find((candidate) => candidate.remaining > 0 && candidate.matches(call));
    if (fault) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
      throw typeof fault.error === 'function' ? fault.error() : fault.error;
    }
    await this.step({ ...call, phase: 'before' });
  }

  /** Runs the hooks for one step; a hook that throws makes the operation throw that error. */
  async step(step: OperationStep): Promise<void> {
    for (const hook of [...this.hooks]) await hook(step);
  }
}
