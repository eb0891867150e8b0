import type { ExtensionRegistration } from '@idsync/scim';
import type { AuthOptions } from '../auth/auth-options.js';
import type { FaultConfig } from '../faults/fault-config.js';
import type { TargetProfile } from '../profiles/target-profile.js';

/** The SCIM protocol version the target speaks on the wire. */
export type ScimVersion = '2.0' | '1.1';

/** The built-in vendor profiles (see src/profiles). */
export type ProfileName = 'rfc' | 'aws-identity-center' | 'atlassian';

/** Milliseconds since the epoch; injectable so tests can move time without sleeping. */
export type Clock = () => number;

/** A fixed-window request budget: more than `requests` within `windowMs` answers 429. */
export interface RateLimitOptions {
  readonly requests: number;
  readonly windowMs: number;
}

/** Paging defaults; each profile has its own, these override them. */
export interface PageSizeOptions {
  /** `count` when the client sends none. */
  readonly default?: number;
  /** The largest page served (`filter.maxResults`). */
  readonly max?: number;
}

export interface ScimTargetOptions {
  /** Default '2.0'. The vendor profiles speak 2.0 only; 1.1 needs profile 'rfc'. */
  readonly version?: ScimVersion;
  /** A built-in profile by name, or a profile of your own composed from the exported policies. */
  readonly profile?: ProfileName | TargetProfile;
  /** Default `/scim/v2` (or `/scim/v1` for 1.1). */
  readonly basePath?: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port chosen by the system. */
  readonly port?: number;
  /** Default: no authentication. */
  readonly auth?: AuthOptions;
  readonly rateLimit?: RateLimitOptions;
  readonly pageSize?: PageSizeOptions;
  /** Serve `meta.version` and ETags, and honour If-Match / If-None-Match. Default false. */
  readonly etag?: boolean;
  /**
   * Whether PATCH is offered. Default true. SCIM 1.1 makes PATCH optional, so a client must be
   * able to fall back to GET + PUT; turning it off makes PATCH answer `patchUnsupportedStatus`.
   */
  readonly patch?: boolean;
  /** Status of a PATCH while PATCH is off: 501 Not Implemented (default) or 405 Method Not Allowed. */
  readonly patchUnsupportedStatus?: 501 | 405;
  /** Faults active from the start; change them later with `setFaults`. */
  readonly faults?: FaultConfig;
  readonly clock?: Clock;
  /** Ids of new resources; default random UUIDs. */
  readonly idGenerator?: () => string;
  /**
   * Extension schemas the target supports besides the enterprise User extension (a vendor's
   * custom attributes). Attributes of other, unknown schemas are dropped on write, as vendors do.
   */
  readonly extensions?: readonly ExtensionRegistration[];
}
