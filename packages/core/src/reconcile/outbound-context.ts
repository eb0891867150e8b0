import type { SchemaRegistry } from '@idsync/scim';
import type { Connection } from '../model/connection.js';
import type { ObjectType } from '../model/object-type.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { CheckpointStore } from '../ports/checkpoint-store.js';
import type { HubStore } from '../ports/hub-store.js';
import type { LinkStore } from '../ports/link-store.js';
import type { RunStore } from '../ports/run-store.js';
import type { ImplementedOperations } from '../spi/capabilities-of.js';
import type { Connector } from '../spi/connector-operations.js';
import type { DeclaredCapabilities } from '../spi/connector-manifest.js';
import type { CompiledRule } from '../rules/compiled-rule.js';
import type { IdentifierReader } from './build-correlation-filter.js';

/** The stores the engine works with (implemented by @idsync/store). */
export interface EngineStores {
  readonly hub: HubStore;
  readonly links: LinkStore;
  readonly checkpoints: CheckpointStore;
  readonly runs: RunStore;
  readonly audit: AuditLog;
}

/** Everything the stages of one outbound run share. Built once per run by the reconciler. */
export interface OutboundContext {
  readonly runId: string;
  readonly connection: Connection;
  readonly connector: Connector;
  readonly implemented: ImplementedOperations;
  readonly declared: DeclaredCapabilities;
  readonly objectType: ObjectType;
  /** The enabled outbound rules of this connection for this object type, in priority order. */
  readonly rules: readonly CompiledRule[];
  /**
   * Ids of every rule of this direction on this connection (and a rule being deleted). A link's
   * provenance keeps the ids of other rules — an inbound rule of a two-way connection — as they are.
   */
  readonly ownedRuleIds: ReadonlySet<string>;
  readonly registry: SchemaRegistry;
  /** How objects without a link are looked for: the filter template and the identifier that fills it. */
  readonly correlation: { readonly template: string; readonly readIdentifier: IdentifierReader };
  readonly stores: EngineStores;
  /** Objects planned at once; also the page size of every store read. */
  readonly pageSize: number;
  /**
   * Runs one remote read of planning (a look-up, a group's members) through the executor:
   * within the connection's concurrency limit and rate limit, retried on 429 / 5xx / resets /
   * timeouts, refused while the connection is quarantined. Rejects with the last error.
   */
  readonly readRemote: <R>(read: () => Promise<R>) => Promise<R>;
  readonly now: () => string;
}
