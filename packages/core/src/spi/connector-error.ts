/**
 * What went wrong at a remote store, classified so the engine knows what to do: retry later,
 * give up on this object, or quarantine the connection.
 */
export type ConnectorErrorCode =
  /** The object does not exist (404, noSuchObject). Not retryable. */
  | 'not-found'
  /** Uniqueness or version conflict (409, 412, entryAlreadyExists). Not retryable as is. */
  | 'conflict'
  /** The store refused the data (400, invalid attribute syntax). Not retryable. */
  | 'invalid'
  /** Credentials missing or wrong (401, invalidCredentials). Connection-level. */
  | 'unauthorized'
  /** Authenticated but not allowed (403, insufficientAccessRights). Connection-level. */
  | 'forbidden'
  /** Too many requests (429, Slack's ratelimited): retry after `retryAfterMs`. */
  | 'rate-limited'
  /** Server error or unreachable (5xx, ECONNREFUSED, ECONNRESET, busy/unavailable). Retryable. */
  | 'unavailable'
  /** No answer in time. Retryable. */
  | 'timeout'
  /** The store cannot do this at all (e.g. an unsupported filter). Not retryable. */
  | 'unsupported'
  /**
   * A change token can no longer be resumed (the store compacted its history, or the token
   * belongs to another server). The engine answers with a full reconciliation.
   */
  | 'stale-token';

const RETRYABLE: ReadonlySet<ConnectorErrorCode> = new Set(['rate-limited', 'unavailable', 'timeout']);
const CONNECTION_LEVEL: ReadonlySet<ConnectorErrorCode> = new Set([
  'unauthorized',
  'forbidden',
  'unavailable',
  'timeout',
]);

export interface ConnectorErrorDetails {
  /** The store's own status and message, e.g. `429` and Slack's `ratelimited`. Never secrets. */
  readonly remoteStatus?: string | number;
  readonly remoteMessage?: string;
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

/** The one error type connectors throw; the message says what failed in words a person can act on. */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly remoteStatus?: string | number;
  readonly remoteMessage?: string;
  readonly retryAfterMs?: number;

  constructor(
    readonly code: ConnectorErrorCode,
    message: string,
    details: ConnectorErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.remoteStatus !== undefined) this.remoteStatus = details.remoteStatus;
    if (details.remoteMessage !== undefined) this.remoteMessage = details.remoteMessage;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }

  /** Worth trying again later (after `retryAfterMs` when set). */
  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }

  /** Says something about the connection rather than one object: counts toward quarantine. */
  get connectionLevel(): boolean {
    return CONNECTION_LEVEL.has(this.code);
  }
}

export function isConnectorError(value: unknown): value is ConnectorError {
  return value instanceof ConnectorError;
}
