import { getCaseInsensitive, ScimError } from '@idsync/scim';

export type BulkMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS = new Set<string>(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One operation of a Bulk request, checked; `problem` holds what makes it fail on its own. */
export interface BulkOperation {
  readonly index: number;
  readonly method: string;
  readonly bulkId?: string;
  readonly path: string;
  readonly data?: unknown;
  readonly version?: string;
  /** An error that fails this operation (and only it) before it runs. */
  readonly problem?: ScimError;
}

export interface BulkRequest {
  /** Stop after this many failed operations; undefined: run them all. */
  readonly failOnErrors?: number;
  readonly operations: readonly BulkOperation[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function readOperation(raw: unknown, index: number): BulkOperation {
  const where = `Operations[${index}]`;
  if (!isObject(raw)) {
    return { index, method: '', path: '', problem: ScimError.invalidSyntax(`${where} must be an object.`) };
  }
  const methodValue = getCaseInsensitive(raw, 'method');
  const method = typeof methodValue === 'string' ? methodValue.trim().toUpperCase() : '';
  const pathValue = getCaseInsensitive(raw, 'path');
  const path = typeof pathValue === 'string' ? pathValue.trim() : '';
  const bulkIdValue = getCaseInsensitive(raw, 'bulkId');
  const bulkId = typeof bulkIdValue === 'string' && bulkIdValue !== '' ? bulkIdValue : undefined;
  const versionValue = getCaseInsensitive(raw, 'version');
  const data = getCaseInsensitive(raw, 'data');
  const base = {
    index,
    method,
    path,
    ...(bulkId !== undefined ? { bulkId } : {}),
    ...(typeof versionValue === 'string' ? { version: versionValue } : {}),
    ...(data !== undefined ? { data } : {}),
  };
  const fail = (detail: string) => ({ ...base, problem: ScimError.invalidSyntax(`${where} ${detail}`) });
  if (!METHODS.has(method))
    return fail(`has method ${JSON.stringify(methodValue)}; use POST, PUT, PATCH or DELETE.`);
  if (path === '') return fail('has no "path", such as "/Users" or "/Users/{id}".');
  if (method === 'POST' && bulkId === undefined)
    return fail('is a POST without "bulkId"; RFC 7644 §3.7 requires one.');
  if (method !== 'DELETE' && !isObject(data)) return fail(`is a ${method} without a "data" object.`);
  return base;
}

/**
 * Reads a BulkRequest (RFC 7644 §3.7). Problems with the request as a whole — not an object,
 * wrong `schemas`, no `Operations`, a repeated `bulkId`, more operations than `maxOperations`
 * (413) — fail it entirely; a malformed operation fails only itself.
 */
export function readBulkRequest(body: unknown, requestUrn: string, maxOperations: number): BulkRequest {
  if (!isObject(body))
    throw ScimError.invalidSyntax('A Bulk request must be a JSON object with "schemas" and "Operations".');
  const schemas = getCaseInsensitive(body, 'schemas');
  if (
    !Array.isArray(schemas) ||
    !schemas.some((urn) => typeof urn === 'string' && urn.toLowerCase() === requestUrn.toLowerCase())
  ) {
    throw ScimError.invalidSyntax(`A Bulk request must list "${requestUrn}" in "schemas".`);
  }
  const operations = getCaseInsensitive(body, 'Operations');
  if (!Array.isArray(operations))
    throw ScimError.invalidSyntax('A Bulk request must carry "Operations": an array of operations.');
  if (operations.length > maxOperations) {
    throw new ScimError(
      413,
      undefined,
      `The Bulk request has ${operations.length} operations; this server accepts at most ${maxOperations} (bulk.maxOperations). Split it.`,
    );
  }
  const failValue = getCaseInsensitive(body, 'failOnErrors');
  if (
    failValue !== undefined &&
    failValue !== null &&
    !(Number.isInteger(failValue) && (failValue as number) >= 1)
  ) {
    throw ScimError.invalidValue(
      `"failOnErrors" must be a positive integer, not ${JSON.stringify(failValue)}.`,
    );
  }
  const read = operations.map(readOperation);
  const seen = new Set<string>();
  for (const operation of read) {
    if (operation.method !== 'POST' || operation.bulkId === undefined) continue;
    if (seen.has(operation.bulkId)) {
      throw ScimError.invalidValue(
        `bulkId "${operation.bulkId}" is used by two POST operations; each must be unique.`,
      );
    }
    seen.add(operation.bulkId);
  }
  return {
    ...(typeof failValue === 'number' ? { failOnErrors: failValue } : {}),
    operations: read,
  };
}
