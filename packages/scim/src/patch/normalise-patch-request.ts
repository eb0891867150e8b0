import { ScimError, isScimError } from '../errors/scim-error.js';
import { parsePatchPath } from '../filter/index.js';
import { getCaseInsensitive } from '../resource/case-insensitive.js';
import { PATCH_OP_URN } from '../schema/urns.js';
import type { PatchOperation, PatchOpName } from './patch-operation.js';

const OP_NAMES: ReadonlyMap<string, PatchOpName> = new Map([
  ['add', 'add'],
  ['remove', 'remove'],
  ['replace', 'replace'],
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Validates a PATCH request body (RFC 7644 §3.5.2) and returns its operations in canonical form.
 *
 * Strict where the RFC is explicit and a mistake would change meaning: the PatchOp schema URN,
 * a non-empty `Operations` array, one of the three op names, a `path` for `remove` (`noTarget`,
 * as §3.5.2.2 prescribes) and a `value` for `add`/`replace`.
 *
 * Lenient where real clients deviate harmlessly: op names and member names in any case (Entra ID
 * sends `"op":"Replace"`; JSON keys are attribute-like names, RFC 7643 §2.1), and a `value` on
 * `remove`, kept so that Entra's `{"op":"Remove","path":"members","value":[{"value":"id"}]}` can
 * remove just the listed members. Each error names the operation by its index in `Operations`.
 */
export function normalisePatchRequest(body: unknown): PatchOperation[] {
  if (!isPlainObject(body)) {
    throw ScimError.invalidSyntax(
      `A PATCH body must be a JSON object with "schemas" and "Operations", but got ${Array.isArray(body) ? 'an array' : typeof body}.`,
    );
  }
  const schemas = getCaseInsensitive(body, 'schemas');
  const urns = Array.isArray(schemas) ? schemas : [];
  if (!urns.some((urn) => typeof urn === 'string' && urn.toLowerCase() === PATCH_OP_URN.toLowerCase())) {
    throw ScimError.invalidSyntax(`A PATCH body must list "${PATCH_OP_URN}" in "schemas".`);
  }
  const operations = getCaseInsensitive(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw ScimError.invalidSyntax(
      'A PATCH body must carry "Operations": an array of at least one operation.',
    );
  }
  return operations.map((operation, index) => normaliseOperation(operation, index));
}

function normaliseOperation(raw: unknown, index: number): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isPlainObject(raw)) {
    throw ScimError.invalidSyntax(
      `${where} must be an object with "op", "path" and "value", but got ${JSON.stringify(raw)}.`,
    );
  }
  const opText = getCaseInsensitive(raw, 'op');
  const op = typeof opText === 'string' ? OP_NAMES.get(opText.trim().toLowerCase()) : undefined;
  if (!op) {
    throw ScimError.invalidSyntax(
      `${where} has op ${JSON.stringify(opText)}; it must be "add", "remove" or "replace".`,
    );
  }
  const rawPath = getCaseInsensitive(raw, 'path');
  let path: string | undefined;
  if (rawPath !== undefined && rawPath !== null) {
    if (typeof rawPath !== 'string' || rawPath.trim() === '') {
      throw ScimError.invalidPath(
        `${where} has path ${JSON.stringify(rawPath)}; a path must be a non-empty string such as "name.givenName".`,
      );
    }
    path = rawPath.trim();
    checkPathSyntax(path, where);
  }
  const value = getCaseInsensitive(raw, 'value');
  if (op === 'remove' && path === undefined) {
    throw ScimError.noTarget(
      `${where} is a remove without "path"; say what to remove, e.g. "path":"members[value eq \\"2819c223\\"]".`,
    );
  }
  if (op !== 'remove' && value === undefined) {
    throw ScimError.invalidValue(`${where} is an ${op} without "value"; ${op} needs the value to set.`);
  }
  return {
    op,
    ...(path !== undefined ? { path } : {}),
    ...(value !== undefined ? { value } : {}),
  };
}

/**
 * Catches malformed paths here, where the error can name the operation; the schema-aware
 * resolution (unknown attributes) happens when the operation is applied.
 */
function checkPathSyntax(path: string, where: string): void {
  try {
    parsePatchPath(path);
  } catch (error) {
    if (!isScimError(error)) throw error;
    throw new ScimError(error.status, error.scimType, `${where} has an invalid path: ${error.detail}`);
  }
}
