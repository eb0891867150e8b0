import type { PatchOperation } from './patch-operation.js';

export interface ChunkOptions {
  /**
   * The most values one request may change: each element of an array value counts one, any
   * other operation (such as `remove members[value eq "…"]`) counts one. AWS IAM Identity
   * Center accepts at most 100 membership changes per PATCH; Slack recommends batches of 5,000.
   */
  readonly maxValuesPerRequest: number;
  /** The most operations one request may hold. Default: no limit. */
  readonly maxOperationsPerRequest?: number;
}

function weight(operation: PatchOperation): number {
  return Array.isArray(operation.value) ? Math.max(1, operation.value.length) : 1;
}

/**
 * Splits operations into consecutive PATCH requests that each stay within a target's limits,
 * keeping their order. An operation whose array value is larger than a request allows is cut
 * into several: `add` into adds, `remove` (Entra-style, with listed values) into removes, and
 * `replace` into a replace of the first part followed by adds of the rest, which ends in the
 * same state. The requests are meant to be sent one after another; between them the target
 * holds an intermediate state, as it would with any batching.
 */
export function chunkPatchOperations(
  operations: readonly PatchOperation[],
  options: ChunkOptions,
): PatchOperation[][] {
  const maxValues = options.maxValuesPerRequest;
  const maxOperations = options.maxOperationsPerRequest ?? Number.POSITIVE_INFINITY;
  if (!Number.isInteger(maxValues) || maxValues < 1)
    throw new RangeError(`maxValuesPerRequest must be a positive integer, not ${maxValues}.`);
  if (maxOperations !== Number.POSITIVE_INFINITY && (!Number.isInteger(maxOperations) || maxOperations < 1)) {
    throw new RangeError(`maxOperationsPerRequest must be a positive integer, not ${maxOperations}.`);
  }
  const requests: PatchOperation[][] = [];
  let current: PatchOperation[] = [];
  let currentWeight = 0;
  const push = (operation: PatchOperation): void => {
    const cost = weight(operation);
    if (current.length > 0 && (currentWeight + cost > maxValues || current.length >= maxOperations)) {
      requests.push(current);
      current = [];
      currentWeight = 0;
    }
    current.push(operation);
    currentWeight += cost;
  };
  for (const operation of operations) {
    for (const piece of splitOperation(operation, maxValues, maxValues - currentWeight)) push(piece);
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

/**
 * Cuts an operation with more than `max` values into pieces; the first piece takes the `room`
 * left in the request under way (or `max` when there is none), the others `max` each. An
 * operation that fits in one request stays whole, even if it has to open a new request.
 */
function splitOperation(operation: PatchOperation, max: number, room: number): PatchOperation[] {
  const values = operation.value;
  if (!Array.isArray(values) || values.length <= max) return [operation];
  const pieces: PatchOperation[] = [];
  let start = 0;
  let size = room > 0 ? room : max;
  while (start < values.length) {
    const op = operation.op === 'replace' && start > 0 ? 'add' : operation.op;
    pieces.push({ ...operation, op, value: values.slice(start, start + size) });
    start += size;
    size = max;
  }
  return pieces;
}
