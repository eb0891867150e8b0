import { readBulkRequest } from '../bulk/bulk-request.js';
import { runBulkOperations, type BulkDispatch } from '../bulk/run-bulk-operations.js';
import type { ScimCall, ScimOutcome, ScimRoute } from '../http/scim-call.js';
import type { MountContext } from './mount-context.js';

/** Runs a Bulk operation's request through the mount's own routes (Bulk itself excluded). */
export type BulkDispatcherFactory = (call: ScimCall) => BulkDispatch;

/** `POST /Bulk` (RFC 7644 §3.7): sequential operations with bulkId references and failOnErrors. */
export function bulkRoute(
  context: MountContext,
  dispatcherFor: BulkDispatcherFactory,
  onUnexpectedError: (error: unknown) => void,
): ScimRoute {
  const { wire } = context;
  const handler = async (call: ScimCall): Promise<ScimOutcome> => {
    const request = readBulkRequest(call.body, wire.bulkRequestUrn, context.limits.bulkMaxOperations);
    const results = await runBulkOperations(request, dispatcherFor(call), onUnexpectedError);
    return {
      status: 200,
      body: {
        schemas: [wire.bulkResponseUrn],
        Operations: results.map((result) => ({
          method: result.operation.method,
          ...(result.operation.bulkId !== undefined ? { bulkId: result.operation.bulkId } : {}),
          ...(result.location ? { location: result.location } : {}),
          ...(result.version ? { version: result.version } : {}),
          status: wire.bulkStatusOut(result.status),
          ...(result.error ? { response: wire.errorOut(result.error) } : {}),
        })),
      },
    };
  };
  return { method: 'POST', segments: ['Bulk'], body: 'bulk', handler };
}
