import type { SchemaRegistry } from '@idsync/scim';
import type { Connection } from '../../model/connection.js';
import type { ObjectType } from '../../model/object-type.js';
import type { CompiledRule } from '../../rules/compiled-rule.js';
import type { Connector } from '../../spi/connector-operations.js';
import type { EngineStores } from '../outbound-context.js';

/** What the stages of one inbound run (store → hub) share. */
export interface InboundContext {
  readonly runId: string;
  readonly connection: Connection;
  readonly connector: Connector;
  readonly objectType: ObjectType;
  /** Enabled inbound rules of the connection for the type, in priority order. */
  readonly rules: readonly CompiledRule[];
  /** Ids of every inbound rule of the connection: the link provenance this direction owns. */
  readonly ownedRuleIds: ReadonlySet<string>;
  readonly registry: SchemaRegistry;
  readonly stores: EngineStores;
  readonly pageSize: number;
  readonly now: () => string;
}
