import type {
  Connector,
  ConnectorContext,
  ConnectorManifest,
  ImplementedOperations,
  ObjectType,
} from '@idsync/core';
import type { ScimResource } from '@idsync/scim';
import type { ConformanceFixture, ConformanceOptions } from './conformance-options.js';

/** What decides whether a check applies: the manifest, the options and what the connector implements. */
export interface CheckScope {
  readonly options: ConformanceOptions;
  readonly manifest: ConnectorManifest;
  readonly capabilities: ImplementedOperations;
  /** The connector's methods by name (`get` without `find` counts here, not in `capabilities`). */
  readonly methods: ReadonlySet<string>;
}

/** The samples with their defaults filled in. */
export interface ResolvedSamples {
  user(tag: string): ScimResource;
  group?(tag: string): ScimResource;
  invalidUser(tag: string): ScimResource;
  readonly editableAttribute: string;
  readonly unknownRemoteId: string;
}

/** Everything one check runs with. */
export interface CheckContext extends CheckScope {
  readonly connector: Connector;
  readonly fixture: ConformanceFixture;
  readonly samples: ResolvedSamples;
  /** The context the fixture's connector was made with; checks that make another connector use it too. */
  readonly connectorContext: ConnectorContext;
  /** A tag no other call returns, for sample resources. */
  tag(): string;
  /** Records an object the check made, so it is deleted after the check. */
  remember(type: ObjectType, remoteId: string): void;
  /** Drops a record made by `remember` (the check deleted the object itself). */
  forget(remoteId: string): void;
}

/**
 * One conformance check: a plain async function plus when it applies. The suite declares one
 * Jest test per applicable check; tests of the suite itself call `run` directly with a broken
 * connector and expect a `ConformanceFailure`.
 */
export interface ConformanceCheck {
  /** Stable id: `<area>.<what>`, e.g. `paging.every-object-once`. */
  readonly id: string;
  readonly area: string;
  /** The test title: what a conforming connector does. */
  readonly title: string;
  applies(scope: CheckScope): boolean;
  run(context: CheckContext): Promise<void>;
}
