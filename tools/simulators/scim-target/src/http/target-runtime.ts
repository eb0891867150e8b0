import type { AuthOptions } from '../auth/auth-options.js';
import type { TokenIssuer } from '../auth/token-issuer.js';
import type { FaultInjector } from '../faults/fault-injector.js';
import type { RequestLog } from '../log/request-log.js';
import type { FixedWindowLimiter } from '../rate-limit/fixed-window-limiter.js';
import type { TargetContext } from '../resources/target-context.js';

/** Everything the HTTP layer of one running target works with. */
export interface TargetRuntime extends TargetContext {
  /** The SCIM base path, e.g. `/scim/v2`, without a trailing slash. */
  readonly basePath: string;
  readonly auth: AuthOptions;
  /** The token endpoint path in OAuth mode. */
  readonly tokenPath?: string;
  readonly tokens?: TokenIssuer;
  /** Throws an `AuthenticationError` when the Authorization header does not pass. */
  readonly authenticate: (authorization: string | undefined) => void;
  readonly limiter?: FixedWindowLimiter;
  readonly faults: FaultInjector;
  readonly log: RequestLog;
}
