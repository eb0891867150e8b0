import type { Connector, ConnectorContext, ConnectorDefinition, ObjectType } from '@idsync/core';
import type { ScimResource } from '@idsync/scim';

/**
 * Resources valid for the store under test. Each factory takes a `tag` — 1 to 16 lower-case
 * letters and digits, unique per call — and must return a resource that no other tag collides
 * with (put the tag in userName, displayName, emails…).
 */
export interface ConformanceSamples {
  /** A user the store accepts. It must set `editableAttribute`. */
  user(tag: string): ScimResource;
  /** A group the store accepts; without it, group and membership checks do not run. */
  group?(tag: string): ScimResource;
  /** A user the store must refuse with `invalid`. Default: `user(tag)` without `userName`. */
  invalidUser?(tag: string): ScimResource;
  /**
   * A single-valued string attribute of users that the store can set, change and clear, as a
   * path (`displayName`, `title`, `name.givenName`). Default `displayName`.
   */
  readonly editableAttribute?: string;
  /** A remote id in the store's own format that names nothing. Default: a random UUID. */
  readonly unknownRemoteId?: string;
}

/** One check's connector and the hooks that reach its store without going through the connector. */
export interface ConformanceFixture {
  readonly connector: Connector;
  /**
   * Writes objects straight into the store and returns their remote ids in order. Needed for
   * connectors that cannot `create` (read-only stores); otherwise the suite uses `create`.
   */
  seed?(type: ObjectType, resources: readonly ScimResource[]): Promise<readonly string[]>;
  /** Deletes an object straight in the store; used when the connector cannot `delete`. */
  remove?(type: ObjectType, remoteId: string): Promise<void>;
  /**
   * Reads an object straight from the store (undefined when absent), so the suite can tell a
   * write that landed from a connector whose `get` agrees with its own mistakes.
   */
  inspect?(type: ObjectType, remoteId: string): Promise<ScimResource | undefined>;
  /** Runs after each check, once the suite has deleted the objects it made. */
  dispose?(): Promise<void>;
}

export interface ConformanceOptions {
  /** The plugin under test. Its manifest drives the config checks. */
  readonly definition: ConnectorDefinition;
  /** A valid configuration, as a connection's `config` would hold it (secrets included). */
  readonly sampleConfig: Readonly<Record<string, unknown>>;
  /**
   * The same configuration with wrong credentials. When given, the suite checks that
   * `testConnection` reports the failure instead of throwing or claiming success.
   */
  readonly badCredentialsConfig?: Readonly<Record<string, unknown>>;
  /**
   * A fresh connector (and the store handle behind it) for one check, against a live store.
   * Build the connector with `context`: the suite records what it logs and fails a check whose
   * logs contain a secret of `sampleConfig`.
   */
  connect(context: ConnectorContext): Promise<ConformanceFixture>;
  readonly samples: ConformanceSamples;
  /** Objects the paging check makes (read back with a page size of 2). Default 5. */
  readonly pagingObjects?: number;
  /**
   * Whether `changesSince` reports deletes. Default true. Set false only for a store that
   * cannot (the engine then finds deletions by full reconciliation) and say so in the README.
   */
  readonly changesReportDeletes?: boolean;
  /** The name of the outer `describe`. Default: the manifest's display name. */
  readonly name?: string;
}
