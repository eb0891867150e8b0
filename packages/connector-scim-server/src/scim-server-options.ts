import type { HubStore } from '@idsync/core';
import type { SchemaRegistry } from '@idsync/scim';

/** A token bucket: `requestsPerSecond` on average, bursts of up to `burst` requests. */
export interface ScimRateLimit {
  readonly requestsPerSecond: number;
  /** Requests allowed at once after a quiet spell. Default: `requestsPerSecond` (at least 1). */
  readonly burst?: number;
}

/** HTTP Basic credentials of a client; the password is kept only as a `hashScimSecret` hash. */
export interface ScimBasicCredentials {
  readonly username: string;
  readonly passwordHash: string;
}

/**
 * One inbound SCIM connection: the identity provider (Entra ID, Okta, a script…) that pushes
 * users and groups into the hub, with its own credentials and what it may see.
 */
export interface ScimClientConfig {
  /** Names the client in logs and in the audit trail; never a secret. */
  readonly id: string;
  /**
   * Hashes (from `hashScimSecret`) of the bearer tokens this client may present. Several at
   * once let a token be rotated without downtime: add the new one, switch the client, drop the old.
   */
  readonly bearerTokenHashes?: readonly string[];
  readonly basic?: ScimBasicCredentials;
  /**
   * Population ids the client is confined to: it sees and changes only users and groups in
   * them (anything else answers 404), and what it creates lands in the first one. Absent: the
   * whole hub, and creates land in the default population.
   */
  readonly populations?: readonly string[];
  /** Per-client rate limit; absent: unlimited. */
  readonly rateLimit?: ScimRateLimit;
  /** The userName of the hub user that `/Me` stands for; absent: `/Me` answers 501. */
  readonly meUserName?: string;
}

/** Size limits, advertised in ServiceProviderConfig where SCIM has a place for them. */
export interface ScimServerLimits {
  /** Largest request body outside `/Bulk`, in bytes (413 beyond). Default 1 MiB. */
  readonly maxBodyBytes: number;
  /** Largest page (`filter.maxResults`); a larger `count` is cut to it. Default 1000. */
  readonly maxCount: number;
  /** Page size when the client gives no `count`. Default 100. */
  readonly defaultCount: number;
  /** Most operations in one Bulk request (413 beyond). Default 1000. */
  readonly bulkMaxOperations: number;
  /** Largest Bulk request body in bytes (413 beyond). Default 1 MiB. */
  readonly bulkMaxPayloadBytes: number;
}

export const DEFAULT_SCIM_SERVER_LIMITS: ScimServerLimits = {
  maxBodyBytes: 1024 * 1024,
  maxCount: 1000,
  defaultCount: 100,
  bulkMaxOperations: 1000,
  bulkMaxPayloadBytes: 1024 * 1024,
};

/** Where the two protocol versions are served, relative to where the plugin is registered. */
export interface ScimMounts {
  /** SCIM 2.0; default `/scim/v2`; `false` to leave it out. */
  readonly v2?: string | false;
  /** SCIM 1.1 (PingFederate-era clients); default `/scim/v1`; `false` to leave it out. */
  readonly v1?: string | false;
}

export interface ScimServerOptions {
  /** The hub the clients write into (the store's HubStore). */
  readonly hub: HubStore;
  readonly clients: readonly ScimClientConfig[];
  /**
   * The schemas served, with any custom extension schemas. Pass the same registry to the store
   * (`schemaRegistry`) so extension attributes filter with their declared types. Default: the
   * core registry (User, Group, enterprise User).
   */
  readonly registry?: SchemaRegistry;
  readonly limits?: Partial<ScimServerLimits>;
  readonly mounts?: ScimMounts;
  /**
   * The public origin (and path, behind a reverse proxy) the mounts are reached at, e.g.
   * `https://idsync.example.com`; used for `Location` and `meta.location`. Default: taken from
   * each request's protocol and Host header.
   */
  readonly publicUrl?: string;
  /**
   * Attributes no schema defines in a POST or PUT: `ignore` (default; Okta and Entra send
   * extras, and RFC 7644 lets a server ignore what it does not support) or `reject` (400).
   */
  readonly unknownAttributes?: 'ignore' | 'reject';
  /** The realm named in `WWW-Authenticate`. Default `idsync`. */
  readonly realm?: string;
}

/** The limits in force: the defaults overlaid with what was configured. */
export function resolveLimits(limits: Partial<ScimServerLimits> | undefined): ScimServerLimits {
  const resolved = { ...DEFAULT_SCIM_SERVER_LIMITS, ...limits };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`SCIM server limit "${name}" must be a positive integer, not ${String(value)}.`);
    }
  }
  return resolved;
}
