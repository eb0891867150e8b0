import { isScimError, ScimError } from '@idsync/scim';
import type { ScimOutcome } from '../http/scim-call.js';
import { bulkIdReferences, substituteBulkIds, substitutePathBulkIds } from './bulk-id-references.js';
import type { BulkOperation, BulkRequest } from './bulk-request.js';

/** Runs one operation as if it were a request of its own: method, path below the mount, body, If-Match. */
export type BulkDispatch = (request: {
  method: string;
  path: string;
  body: unknown;
  ifMatch?: string;
}) => Promise<ScimOutcome>;

/** The result of one operation, before it takes the wire form of the mount. */
export interface BulkResult {
  readonly operation: BulkOperation;
  readonly status: number;
  readonly location?: string;
  readonly version?: string;
  readonly error?: ScimError;
}

/**
 * Runs the operations of a Bulk request one at a time, each in its own hub transaction, as
 * RFC 7644 §3.7 describes (a Bulk request is not atomic). `bulkId:x` references in a path or in
 * data (e.g. a group member `"value": "bulkId:x"`) are replaced by the id the POST with that
 * bulkId created; an operation that refers to a POST listed after it waits until that POST
 * has run. References that can never resolve — a cycle, a bulkId no POST defines, or one whose
 * POST failed — fail the operation with 409 (cycles, failed POSTs) or 400. After
 * `failOnErrors` failures the rest is not run and not reported.
 */
export async function runBulkOperations(
  request: BulkRequest,
  dispatch: BulkDispatch,
  onUnexpectedError: (error: unknown) => void = () => {},
): Promise<BulkResult[]> {
  const results = new Map<number, BulkResult>();
  const created = new Map<string, string>();
  const failedPosts = new Set<string>();
  const postIds = new Set(
    request.operations.filter((o) => o.method === 'POST' && o.bulkId !== undefined).map((o) => o.bulkId!),
  );
  let pending = [...request.operations];
  let errors = 0;
  const stop = () => request.failOnErrors !== undefined && errors >= request.failOnErrors;
  const record = (result: BulkResult) => {
    results.set(result.operation.index, result);
    if (result.error) {
      errors++;
      if (result.operation.method === 'POST' && result.operation.bulkId !== undefined) {
        failedPosts.add(result.operation.bulkId);
      }
    }
  };

  while (pending.length > 0 && !stop()) {
    const waiting: BulkOperation[] = [];
    for (const operation of pending) {
      if (stop()) break;
      if (operation.problem) {
        record({ operation, status: operation.problem.status, error: operation.problem });
        continue;
      }
      const references = [...bulkIdReferences(operation.path, operation.data)];
      const unknown = references.find((id) => !postIds.has(id));
      const failed = references.find((id) => failedPosts.has(id));
      if (unknown !== undefined) {
        record(
          failure(
            operation,
            ScimError.invalidValue(`bulkId "${unknown}" is not the bulkId of any POST in this request.`),
          ),
        );
      } else if (failed !== undefined) {
        record(
          failure(
            operation,
            new ScimError(
              409,
              undefined,
              `The POST with bulkId "${failed}" failed, so this operation cannot refer to it.`,
            ),
          ),
        );
      } else if (references.some((id) => !created.has(id))) {
        waiting.push(operation);
      } else {
        record(await runOne(operation, created, dispatch, onUnexpectedError));
      }
    }
    if (waiting.length === pending.length) {
      // Nothing could run: what is left refers to itself in a cycle.
      for (const operation of waiting) {
        if (stop()) break;
        record(
          failure(
            operation,
            new ScimError(
              409,
              undefined,
              'The operation is part of a circular bulkId reference; break the cycle (create first, then PATCH).',
            ),
          ),
        );
      }
      break;
    }
    pending = waiting;
  }
  return [...results.values()].sort((a, b) => a.operation.index - b.operation.index);
}

function failure(operation: BulkOperation, error: ScimError): BulkResult {
  return { operation, status: error.status, error };
}

async function runOne(
  operation: BulkOperation,
  created: Map<string, string>,
  dispatch: BulkDispatch,
  onUnexpectedError: (error: unknown) => void,
): Promise<BulkResult> {
  try {
    const outcome = await dispatch({
      method: operation.method,
      path: substitutePathBulkIds(operation.path, created),
      body: substituteBulkIds(operation.data, created),
      ...(operation.version !== undefined ? { ifMatch: operation.version } : {}),
    });
    if (operation.method === 'POST' && operation.bulkId !== undefined && outcome.location) {
      created.set(operation.bulkId, outcome.location.slice(outcome.location.lastIndexOf('/') + 1));
    }
    return {
      operation,
      status: outcome.status,
      ...(outcome.location ? { location: outcome.location } : {}),
      ...(outcome.etag ? { version: outcome.etag } : {}),
    };
  } catch (error) {
    if (isScimError(error)) return failure(operation, error);
    // Operations before this one are committed: report this one as failed instead of losing them all.
    onUnexpectedError(error);
    return failure(
      operation,
      new ScimError(500, undefined, 'The operation failed on an internal error; see the server log.'),
    );
  }
}
