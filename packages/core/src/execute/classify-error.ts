import { CATEGORY_TRAITS, isErrorCategory, type ErrorCategory } from './error-category.js';
import { OperationTimeoutError } from './operation-timeout-error.js';
import { RetryableError } from './retryable-error.js';

/** How the executor treats one failure. */
export interface ErrorClassification {
  readonly category: ErrorCategory;
  /** The same request may succeed later. */
  readonly retryable: boolean;
  /** Says something about the connection, not one object: counts toward quarantine. */
  readonly connectionLevel: boolean;
  /** How long the store asked us to wait, when it said so. */
  readonly retryAfterMs?: number;
  /** The HTTP status found on the error, when there was one. */
  readonly status?: number;
}

/** Transport error codes (Node sockets, DNS, undici) meaning "the store did not answer properly". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** How deep to follow `cause` links: fetch wraps the socket error once, some clients twice. */
const MAX_CAUSE_DEPTH = 5;

type ErrorLike = Record<string, unknown>;

function asRecord(value: unknown): ErrorLike | undefined {
  return value !== null && typeof value === 'object' ? (value as ErrorLike) : undefined;
}

function httpStatusOf(error: ErrorLike): number | undefined {
  for (const key of ['status', 'statusCode']) {
    const value = Number(error[key]);
    if (Number.isInteger(value) && value >= 100 && value <= 599) return value;
  }
  return undefined;
}

function categoryOfStatus(status: number, hasRetryAfter: boolean): ErrorCategory {
  if (status === 401) return 'unauthorized';
  if (status === 403) return hasRetryAfter ? 'rate-limited' : 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 408) return 'timeout';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 425 || status === 429) return status === 429 ? 'rate-limited' : 'unavailable';
  if (status === 405 || status === 501 || status === 505) return 'unsupported';
  if (status >= 500) return 'unavailable';
  if (status >= 400) return 'invalid';
  return 'unknown';
}

/** The first usable `retryAfterMs` along the cause chain. */
function retryAfterOf(error: unknown): number | undefined {
  let current = asRecord(error);
  for (let depth = 0; current && depth <= MAX_CAUSE_DEPTH; depth++) {
    const value = current.retryAfterMs;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
    current = asRecord(current.cause);
  }
  return undefined;
}

interface Found {
  readonly category: ErrorCategory;
  readonly status?: number;
  readonly retryable?: boolean;
  readonly connectionLevel?: boolean;
}

function categorise(error: unknown, hasRetryAfter: boolean, depth: number): Found | undefined {
  const record = asRecord(error);
  if (!record || depth > MAX_CAUSE_DEPTH) return undefined;
  if (error instanceof RetryableError) return { category: error.category, retryable: true };
  if (error instanceof OperationTimeoutError) return { category: 'timeout' };

  // A connector error names its category in `code` and may state its traits outright.
  if (isErrorCategory(record.code)) {
    const found: { -readonly [K in keyof Found]: Found[K] } = { category: record.code };
    if (typeof record.retryable === 'boolean') found.retryable = record.retryable;
    if (typeof record.connectionLevel === 'boolean') found.connectionLevel = record.connectionLevel;
    return found;
  }
  if (record.name === 'TimeoutError') return { category: 'timeout' };
  if (record.name === 'AbortError') return { category: 'cancelled' };

  const status = httpStatusOf(record);
  if (status !== undefined) return { category: categoryOfStatus(status, hasRetryAfter), status };

  if (typeof record.code === 'string') {
    if (UNAVAILABLE_CODES.has(record.code)) return { category: 'unavailable' };
    if (TIMEOUT_CODES.has(record.code)) return { category: 'timeout' };
  }
  // Node reports a failed multi-address connect as an AggregateError of the per-address errors.
  if (Array.isArray(record.errors) && record.errors.length > 0) {
    const inner = categorise(record.errors[0], hasRetryAfter, depth + 1);
    if (inner) return inner;
  }
  return categorise(record.cause, hasRetryAfter, depth + 1);
}

/**
 * Decides how the executor treats a failure. Reads, in order: {@link RetryableError} and
 * {@link OperationTimeoutError}; a connector error's `code` (and its own `retryable` /
 * `connectionLevel` when given); abort and timeout DOMExceptions; an HTTP `status` or
 * `statusCode` (a ScimError has one); transport codes such as `ECONNREFUSED`; then the
 * `cause` chain. Unrecognised errors are `unknown`: not retried, charged to the object alone,
 * because retrying or quarantining on a guess does more harm than failing one object.
 */
export function classifyError(error: unknown): ErrorClassification {
  const retryAfterMs = retryAfterOf(error);
  const found = categorise(error, retryAfterMs !== undefined, 0) ?? { category: 'unknown' };
  const traits = CATEGORY_TRAITS[found.category];
  const classification: { -readonly [K in keyof ErrorClassification]: ErrorClassification[K] } = {
    category: found.category,
    retryable: found.retryable ?? traits.retryable,
    connectionLevel: found.connectionLevel ?? traits.connectionLevel,
  };
  if (retryAfterMs !== undefined) classification.retryAfterMs = retryAfterMs;
  if (found.status !== undefined) classification.status = found.status;
  return classification;
}

/** Whether trying the same request again may succeed (network errors, 429, 5xx, timeouts). */
export function isRetryable(error: unknown): boolean {
  return classifyError(error).retryable;
}
