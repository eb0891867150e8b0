/**
 * Which requests a fault applies to. `path` is compared with the request path below the SCIM
 * base path (`/Users`, `/Users/123`), or with the full path for routes outside it
 * (`/oauth/token`): a string matches that path and everything below it (`/Users` matches
 * `/Users/123`, not `/UsersX`), case-insensitively; a RegExp is tested against the path.
 */
export interface RequestMatcher {
  readonly method?: string;
  readonly path?: string | RegExp;
}

/** Answer the next `count` matching requests with `status` (and `body`, else an error body in the profile's style). */
export interface FailNextRule extends RequestMatcher {
  readonly count: number;
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Faults to inject. Every random decision comes from a PRNG seeded with `seed`, so a test that
 * sends the same requests sees the same faults on every run.
 */
export interface FaultConfig {
  /** Default 1. */
  readonly seed?: number;
  /** Delay before the request is handled: `ms`, plus up to `jitterMs` more at random. */
  readonly latency?: { readonly ms: number; readonly jitterMs?: number; readonly match?: RequestMatcher };
  /** Answer matching requests with a random status of `statuses` (default [500, 502, 503]) with this probability. */
  readonly randomErrors?: {
    readonly probability: number;
    readonly statuses?: readonly number[];
    readonly match?: RequestMatcher;
  };
  /**
   * Destroy the connection without an answer: the next `count` matching requests (default:
   * all), each with `probability` (default 1).
   */
  readonly resets?: {
    readonly count?: number;
    readonly probability?: number;
    readonly match?: RequestMatcher;
  };
  /**
   * Send the headers, then the body in chunks of `chunkBytes` (default 16) every `intervalMs`
   * (default 20): for the next `count` matching responses (default: all).
   */
  readonly slowBody?: {
    readonly chunkBytes?: number;
    readonly intervalMs?: number;
    readonly count?: number;
    readonly match?: RequestMatcher;
  };
  /** Rules applied in order; the first matching rule with requests left answers. */
  readonly failNext?: readonly FailNextRule[];
  /** Answer the next `count` matching requests with 429 and `Retry-After: retryAfterSeconds` (default 1). */
  readonly throttleNext?: {
    readonly count: number;
    readonly retryAfterSeconds?: number;
    readonly match?: RequestMatcher;
  };
}
