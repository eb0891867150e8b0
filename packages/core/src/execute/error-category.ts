/**
 * What kind of failure an operation met, in the same words connectors use for their own
 * errors (a connector error's `code` is read as its category). The category decides two
 * things: whether the same request may succeed if tried again, and whether the failure says
 * something about the whole connection (and so counts toward quarantine) or only about one
 * object.
 */
export type ErrorCategory =
  /** 404 / 410: the object is not there. */
  | 'not-found'
  /** 409 / 412: uniqueness or version conflict. */
  | 'conflict'
  /** 400, 422 and other 4xx: the store refused the data as sent. */
  | 'invalid'
  /** 405, 501: the store cannot do this at all. */
  | 'unsupported'
  /** 401: credentials missing or wrong. */
  | 'unauthorized'
  /** 403: authenticated but not allowed. */
  | 'forbidden'
  /** 429 (or a 403 with Retry-After, as GitHub's secondary limits answer): slow down. */
  | 'rate-limited'
  /** 5xx, refused or reset connections, DNS failures: the store is not answering properly. */
  | 'unavailable'
  /** No answer in time (ours or the transport's). */
  | 'timeout'
  /** The work was aborted on purpose (unsubscribed); never retried, never held against the connection. */
  | 'cancelled'
  /** Anything unrecognised: treated as a problem with this object, not retried. */
  | 'unknown';

interface CategoryTraits {
  readonly retryable: boolean;
  readonly connectionLevel: boolean;
}

/**
 * Rate limiting is retryable but not connection-level: a 429 proves the store is alive and
 * the token bucket already slows the whole connection down, so it must not also quarantine it.
 */
export const CATEGORY_TRAITS: Readonly<Record<ErrorCategory, CategoryTraits>> = {
  'not-found': { retryable: false, connectionLevel: false },
  conflict: { retryable: false, connectionLevel: false },
  invalid: { retryable: false, connectionLevel: false },
  unsupported: { retryable: false, connectionLevel: false },
  unauthorized: { retryable: false, connectionLevel: true },
  forbidden: { retryable: false, connectionLevel: true },
  'rate-limited': { retryable: true, connectionLevel: false },
  unavailable: { retryable: true, connectionLevel: true },
  timeout: { retryable: true, connectionLevel: true },
  cancelled: { retryable: false, connectionLevel: false },
  unknown: { retryable: false, connectionLevel: false },
};

export function isErrorCategory(value: unknown): value is ErrorCategory {
  return typeof value === 'string' && Object.hasOwn(CATEGORY_TRAITS, value);
}
