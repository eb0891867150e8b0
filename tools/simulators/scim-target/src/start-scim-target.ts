import type { AddressInfo } from 'node:net';
import { createCoreRegistry } from '@idsync/scim';
import { DEFAULT_TOKEN_PATH, DEFAULT_TOKEN_TTL_SECONDS } from './auth/auth-options.js';
import { createAuthenticator } from './auth/authenticator.js';
import { TokenIssuer } from './auth/token-issuer.js';
import type { FaultConfig } from './faults/fault-config.js';
import { FaultInjector } from './faults/fault-injector.js';
import { createTargetApp } from './http/create-target-app.js';
import type { TargetRuntime } from './http/target-runtime.js';
import { RequestLog } from './log/request-log.js';
import { resolveOptions } from './options/resolve-options.js';
import type { ScimTargetOptions } from './options/scim-target-options.js';
import type { TargetProfile } from './profiles/target-profile.js';
import { FixedWindowLimiter } from './rate-limit/fixed-window-limiter.js';
import { TargetStore } from './store/target-store.js';
import { v1WireCodec } from './wire/v1-wire-codec.js';
import { v2WireCodec } from './wire/wire-codec.js';

/** A running SCIM target. */
export interface ScimTarget {
  /** The SCIM base URL, e.g. `http://127.0.0.1:40123/scim/v2`. */
  readonly baseUrl: string;
  /** `http://127.0.0.1:40123`. */
  readonly origin: string;
  readonly port: number;
  /** The token endpoint in `oauth` mode. */
  readonly tokenUrl?: string;
  readonly profile: TargetProfile;
  /** The target's data: inspect it, seed it, change it "outside idsync". */
  readonly store: TargetStore;
  /** Every request received, credentials redacted. */
  readonly requests: RequestLog;
  /** Replaces the injected faults (pass `{}` to stop them); counters and the PRNG restart. */
  setFaults(faults: FaultConfig): void;
  /** Invalidates every OAuth token issued so far (the vendor rotated its keys). */
  revokeTokens(): void;
  /** Stops the server and closes open connections. */
  close(): Promise<void>;
}

/**
 * Starts a SCIM 2.0 or 1.1 service provider that behaves like a vendor's — AWS IAM Identity
 * Center, Atlassian Cloud, or a conformant RFC 7644 server — on 127.0.0.1 and a free port,
 * with optional authentication, rate limiting and fault injection. It is a test target for
 * SCIM clients: everything it refuses, a real vendor refuses too.
 */
export async function startScimTarget(options: ScimTargetOptions = {}): Promise<ScimTarget> {
  const resolved = resolveOptions(options);
  const { auth, clock } = resolved;
  const tokens =
    auth.kind === 'oauth'
      ? new TokenIssuer(clock, auth.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS)
      : undefined;
  const tokenPath = auth.kind === 'oauth' ? (auth.tokenPath ?? DEFAULT_TOKEN_PATH) : undefined;
  let baseUrl = '';
  const runtime: TargetRuntime = {
    version: resolved.version,
    profile: resolved.profile,
    registry: createCoreRegistry({ extensions: options.extensions ?? [] }),
    store: new TargetStore(clock, options.idGenerator),
    codec: resolved.version === '1.1' ? v1WireCodec : v2WireCodec,
    clock,
    etag: resolved.etag,
    patchEnabled: resolved.patch,
    patchUnsupportedStatus: resolved.patchUnsupportedStatus,
    limits: resolved.limits,
    baseUrl: () => baseUrl,
    basePath: resolved.basePath,
    auth,
    ...(tokenPath !== undefined ? { tokenPath } : {}),
    ...(tokens ? { tokens } : {}),
    authenticate: createAuthenticator(auth, tokens),
    ...(options.rateLimit ? { limiter: new FixedWindowLimiter(options.rateLimit, clock) } : {}),
    faults: new FaultInjector(options.faults),
    log: new RequestLog(),
  };
  const app = createTargetApp(runtime);
  await app.listen({ host: resolved.host, port: resolved.port });
  const { port } = app.server.address() as AddressInfo;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  const origin = `http://${host}:${port}`;
  baseUrl = `${origin}${resolved.basePath}`;
  return {
    baseUrl,
    origin,
    port,
    ...(tokenPath !== undefined ? { tokenUrl: `${origin}${tokenPath}` } : {}),
    profile: resolved.profile,
    store: runtime.store,
    requests: runtime.log,
    setFaults: (faults) => runtime.faults.set(faults),
    revokeTokens: () => tokens?.revokeAll(),
    close: () => app.close(),
  };
}
