import type { ScimResource } from '@idsync/scim';
import { ConnectorError } from '../../spi/connector-error.js';
import { buildCorrelationFilter } from '../build-correlation-filter.js';
import type { UpdateOutcome } from '../../spi/connector-operations.js';
import type { OutboundContext } from '../outbound-context.js';
import type { PlannedOperation } from '../planned-operation.js';
import { chunk } from '../plan-membership-changes.js';

/** What a successful write tells the record stage. */
export interface OperationOutcome {
  readonly remoteId?: string;
}

function unsupported(context: OutboundContext, what: string): ConnectorError {
  return new ConnectorError('unsupported', `Connector "${context.connection.connectorId}" cannot ${what}.`);
}

/**
 * Stage "execute" for one operation: the remote write, adapted to what the connector
 * implements (no PATCH → full replace; no disable → `active: false` by update). `attempt`
 * counts this operation's tries within the run (the executor retries).
 */
export async function executeOperation(
  context: OutboundContext,
  operation: PlannedOperation,
  attempt = 1,
): Promise<OperationOutcome> {
  const { connector, objectType, stores } = context;
  switch (operation.kind) {
    case 'create': {
      if (!connector.create) throw unsupported(context, 'create objects');
      // The intent is already on the link (recordCreateIntents, before the wave). A retry may
      // follow a first attempt that reached the store before its answer was lost (a reset, a
      // timeout): look before creating again.
      if (attempt > 1) {
        const existing = await findCreated(context, operation.hubId, operation.resource);
        if (existing) return { remoteId: existing };
      }
      const created = await connector.create(objectType, operation.resource);
      return { remoteId: created.remoteId };
    }
    case 'update': {
      let outcome: UpdateOutcome;
      if (connector.patch && operation.patch.length)
        outcome = await connector.patch(objectType, operation.remoteId, operation.patch);
      else if (connector.replace)
        outcome = await connector.replace(objectType, operation.remoteId, operation.resource);
      else throw unsupported(context, 'update objects (neither patch nor replace)');
      // A store that renames by re-creating reports the new id; the link follows it.
      return { remoteId: outcome?.remoteId ?? operation.remoteId };
    }
    case 'disable':
      if (connector.disable) await connector.disable(objectType, operation.remoteId);
      else if (connector.patch)
        await connector.patch(objectType, operation.remoteId, [
          { op: 'replace', path: 'active', value: false },
        ]);
      else throw unsupported(context, 'disable objects');
      return { remoteId: operation.remoteId };
    case 'delete':
      if (!connector.delete) throw unsupported(context, 'delete objects');
      try {
        await connector.delete(objectType, operation.remoteId);
      } catch (error) {
        // Already gone is what we wanted: deletes are idempotent.
        if (!(error instanceof ConnectorError && error.code === 'not-found')) throw error;
      }
      return { remoteId: operation.remoteId };
    case 'add-members':
    case 'remove-members': {
      if (!connector.addMembers || !connector.removeMembers)
        throw unsupported(context, 'change group memberships');
      const size = context.declared.maxMembersPerRequest ?? 1000;
      if (operation.kind === 'add-members') {
        // Provenance first: a crash after the write must not leave memberships idsync added
        // looking like ones added by someone else (merge would then never remove them).
        await stores.links.recordMemberships(operation.connectionId, operation.hubId, operation.memberHubIds);
      }
      for (const part of chunk(operation.memberRemoteIds, size)) {
        if (operation.kind === 'add-members') await connector.addMembers(operation.remoteId, part);
        else await connector.removeMembers(operation.remoteId, part);
      }
      return { remoteId: operation.remoteId };
    }
    case 'link':
    case 'confirm':
    case 'forget-memberships':
      return { remoteId: operation.remoteId };
    case 'release':
    case 'skip':
    case 'error':
      return {};
  }
}

/** The remote id of an object a lost create may have made, found the way correlation finds it. */
async function findCreated(
  context: OutboundContext,
  hubId: string,
  resource: ScimResource,
): Promise<string | undefined> {
  const { template, readIdentifier } = context.correlation;
  // Retries only, so reading the hub object (for an identifier no rule maps) costs little.
  const hub = await context.stores.hub.get(context.objectType, hubId);
  const filter = buildCorrelationFilter(
    { userFilterExpression: template },
    resource,
    readIdentifier,
    hub?.resource,
  );
  if (!filter || !context.connector.find) return undefined;
  const matches = await context.connector.find(context.objectType, filter.node);
  return matches.length === 1 ? matches[0]!.remoteId : undefined;
}
