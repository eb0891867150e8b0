/** The outcome of one check of a connection test (reachability, TLS, authentication, discovery…). */
export interface ConnectionCheck {
  readonly name: string;
  readonly ok: boolean;
  /** What was found or what failed and why, in words a person can act on. Never contains secrets. */
  readonly detail: string;
}

export interface TestConnectionResult {
  readonly ok: boolean;
  readonly checks: readonly ConnectionCheck[];
}
