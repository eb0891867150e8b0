import type { ComparisonOperator } from '@idsync/scim';
import type { ObjectType } from '../model/object-type.js';

/** One setting of a connector's configuration, as a plugin declares it. */
export interface ConfigField {
  readonly key: string;
  readonly type: 'string' | 'url' | 'integer' | 'boolean' | 'enum' | 'string-list';
  readonly description: string;
  readonly required?: boolean;
  /** Secrets are encrypted at rest, never logged and never returned by the API. */
  readonly secret?: boolean;
  readonly default?: string | number | boolean | readonly string[];
  /** For `enum` fields. */
  readonly values?: readonly string[];
  /** For `integer` fields. */
  readonly min?: number;
  readonly max?: number;
}

/**
 * What a connector declares about the store it speaks to, beyond the operations it implements.
 * The engine adapts to it: page sizes, which filter operators correlation may use, how many
 * membership changes fit in one request, how fast it may go.
 */
export interface DeclaredCapabilities {
  readonly objectTypes: readonly ObjectType[];
  /** Filter operators `find` understands; correlation filters use only these. */
  readonly filterOperators: readonly ComparisonOperator[];
  /** Objects per page when reading. */
  readonly pageSize: number;
  /** Most member ids one membership call may carry (AWS: 100). */
  readonly maxMembersPerRequest?: number;
  /** Whether `disable` is a real soft delete on this store (else remove action "disable" falls back to delete only if allowed). */
  readonly softDelete: boolean;
  /** A default rate limit the store imposes (requests per second, burst). */
  readonly rateLimit?: { readonly requestsPerSecond: number; readonly burst: number };
  /** Default maximum concurrent requests per connection. */
  readonly maxConcurrency?: number;
}

/** Everything a plugin tells idsync about itself (Airbyte's `spec`, ConnId's schema). */
export interface ConnectorManifest {
  /** Stable id used in configuration files, e.g. `scim`, `ldap`, `reference`. */
  readonly id: string;
  readonly version: string;
  readonly displayName: string;
  readonly description: string;
  readonly configFields: readonly ConfigField[];
  readonly capabilities: DeclaredCapabilities;
}
