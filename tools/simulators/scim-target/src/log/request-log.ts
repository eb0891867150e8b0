import type { RequestMatcher } from '../faults/fault-config.js';
import { matchesRequest } from '../faults/request-matcher.js';

/** One request as the target received it, for tests that check what a client sent. */
export interface LoggedRequest {
  /** 1, 2, 3… in order of arrival. */
  readonly seq: number;
  readonly method: string;
  /** The full URL path without the query string, e.g. `/scim/v2/Users/42`. */
  readonly path: string;
  /** The path below the SCIM base path (`/Users/42`), or the full path outside it. */
  readonly relativePath: string;
  /** The decoded query parameters (a repeated parameter keeps its last value). */
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names; credentials replaced by `<redacted>`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed body (JSON or form), credentials redacted; the raw text when it was not parseable; undefined when empty. */
  body?: unknown;
  /** The status answered; undefined while in flight or when the connection was reset. */
  status?: number;
  /** Names of the injected faults that struck this request. */
  readonly faults: string[];
  /** Clock time of arrival (ms). */
  readonly receivedAt: number;
}

/**
 * The target's record of every request received, in order. Entries are live: the status and
 * the body are filled in as the request is processed.
 */
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];
  private sequence = 0;

  /** Appends an entry; the sequence number is assigned here and keeps counting across `clear`. */
  add(entry: Omit<LoggedRequest, 'seq'>): LoggedRequest {
    this.sequence += 1;
    const logged: LoggedRequest = { seq: this.sequence, ...entry };
    this.entries.push(logged);
    return logged;
  }

  /** Every request so far, oldest first (a copy of the list; the entries themselves are shared). */
  all(): LoggedRequest[] {
    return [...this.entries];
  }

  /** Requests matching a method and/or path (same rules as fault matchers). */
  matching(matcher: RequestMatcher): LoggedRequest[] {
    return this.entries.filter((entry) =>
      matchesRequest(matcher, { method: entry.method, path: entry.relativePath }),
    );
  }

  last(): LoggedRequest | undefined {
    return this.entries.at(-1);
  }

  get size(): number {
    return this.entries.length;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
