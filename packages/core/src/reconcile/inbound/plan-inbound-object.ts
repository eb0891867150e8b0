import type { ScimResource } from '@idsync/scim';
import { applyMappings } from '../../mapping/apply-mappings.js';
import type { HubObject } from '../../model/hub-object.js';
import type { Link } from '../../model/link.js';
import type { RemoteObject } from '../../spi/remote-object.js';
import { computeUpdate } from '../compute-update.js';
import { mergeMappedObjects } from '../merge-mapped-objects.js';
import { resourceHash } from '../resource-hash.js';
import { withoutClearedValues } from '../without-cleared-values.js';
import type { InboundContext } from './inbound-context.js';
import type { InboundOperation } from './inbound-operation.js';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Source object → hub operations: scope by the inbound rules' filters, map to the hub's
 * canonical form, find the hub object (link first, then userName or displayName), and diff.
 * Only attributes the rules map are written; everything else on the hub object stays.
 */
export async function planInboundObject(
  context: InboundContext,
  remote: RemoteObject,
): Promise<InboundOperation[]> {
  const { connection, objectType, stores } = context;
  const base = { connectionId: connection.id, objectType, remoteId: remote.remoteId };
  const wanted = context.rules.filter((rule) => !rule.filter || rule.filter(remote.resource));
  const wantedBy = wanted.map((rule) => rule.rule.id);
  const link = await stores.links.getByRemoteId(connection.id, objectType, remote.remoteId);
  const hubObject = link ? await stores.hub.get(objectType, link.hubId) : undefined;

  if (wanted.length === 0) {
    if (!link || !hubObject || !link.ruleIds.some((id) => context.ownedRuleIds.has(id))) return [];
    return planHubRemoval(
      context,
      link,
      hubObject,
      'The source object left the scope of every inbound rule.',
    );
  }

  let onCreate: ScimResource;
  let onUpdate: ScimResource;
  try {
    onCreate = mergeMappedObjects(
      wanted.map((rule) => applyMappings(rule.mappings, remote.resource, { isCreate: true })),
    ).resource;
    onUpdate = mergeMappedObjects(
      wanted.map((rule) => applyMappings(rule.mappings, remote.resource, { isCreate: false })),
    ).resource;
  } catch (error) {
    return [
      {
        ...base,
        kind: 'error',
        reason: { ruleIds: wantedBy, summary: `Mapping failed: ${describe(error)}` },
      },
    ];
  }
  const desiredHash = resourceHash(onUpdate);
  const reason = (summary: string) => ({ ruleIds: wantedBy, summary });

  if (link && hubObject) {
    if (link.lastAppliedHash === desiredHash && link.state === 'in-sync') return [];
    return planHubUpdate(context, hubObject, onUpdate, { ...base, desiredHash }, wantedBy);
  }

  const existing = await correlateInHub(context, onUpdate);
  if (existing === 'ambiguous') {
    return [
      {
        ...base,
        kind: 'error',
        reason: reason('Several hub objects match this source object; idsync never guesses.'),
      },
    ];
  }
  if (existing) {
    const linked = await stores.links.get(connection.id, objectType, existing.id);
    if (linked?.remoteId && linked.remoteId !== remote.remoteId) {
      return [
        {
          ...base,
          kind: 'error',
          hubId: existing.id,
          reason: reason(
            `Hub object ${existing.id} is already linked to another object (${linked.remoteId}) of this connection.`,
          ),
        },
      ];
    }
    return [
      {
        ...base,
        kind: 'link',
        hubId: existing.id,
        desiredHash,
        reason: reason('The hub already has this object; it is linked.'),
      },
      ...planHubUpdate(context, existing, onUpdate, { ...base, desiredHash }, wantedBy),
    ];
  }
  if (!connection.preferences.allowCreate) {
    return [
      {
        ...base,
        kind: 'skip',
        reason: reason('Not created in the hub: the connection does not allow creating objects.'),
      },
    ];
  }
  const populationId = wanted.find((rule) => rule.rule.populationId)?.rule.populationId;
  return [
    {
      ...base,
      kind: 'create',
      resource: withoutClearedValues(onCreate),
      desiredHash,
      ...(populationId ? { populationId } : {}),
      reason: reason('New in the source: created in the hub.'),
    },
  ];
}

function planHubUpdate(
  context: InboundContext,
  hubObject: HubObject,
  desired: ScimResource,
  base: { connectionId: string; objectType: HubObject['type']; remoteId: string; desiredHash: string },
  wantedBy: readonly string[],
): InboundOperation[] {
  const update = computeUpdate(hubObject.resource, desired, {
    registry: context.registry,
    objectType: context.objectType,
    valuePathFilters: true,
  });
  if (update.patch.length === 0) {
    return [
      {
        ...base,
        kind: 'confirm',
        hubId: hubObject.id,
        reason: { ruleIds: wantedBy, summary: 'Already in sync.' },
      },
    ];
  }
  if (!context.connection.preferences.allowUpdate) {
    return [
      {
        ...base,
        kind: 'skip',
        hubId: hubObject.id,
        reason: {
          ruleIds: wantedBy,
          summary: 'Differs, but the connection does not allow updates.',
          changes: update.changes,
        },
      },
    ];
  }
  return [
    {
      ...base,
      kind: 'update',
      hubId: hubObject.id,
      patch: update.patch,
      resource: update.target,
      reason: {
        ruleIds: wantedBy,
        summary: `Changed in the source: ${update.changes.map((c) => c.path).join(', ')}.`,
        changes: update.changes,
      },
    },
  ];
}

/** A hub object whose source object is gone or out of scope: the connection's remove action, applied to the hub. */
export function planHubRemoval(
  context: InboundContext,
  link: Link,
  hubObject: HubObject,
  why: string,
): InboundOperation[] {
  const { preferences } = context.connection;
  const base = {
    connectionId: link.connectionId,
    objectType: link.objectType,
    remoteId: link.remoteId ?? '',
    hubId: hubObject.id,
  };
  const reason = (summary: string) => ({ ruleIds: link.ruleIds, summary });
  if (preferences.removeAction === 'disable' && hubObject.type === 'User') {
    if (hubObject.resource.active === false) return [];
    if (!preferences.allowDisable)
      return [
        {
          ...base,
          kind: 'skip',
          reason: reason(`${why} Not disabled in the hub: disabling is not allowed.`),
        },
      ];
    return [
      { ...base, kind: 'disable', reason: reason(`${why} Disabled in the hub (remove action "disable").`) },
    ];
  }
  if (!preferences.allowDeprovision) {
    return [
      {
        ...base,
        kind: 'skip',
        reason: reason(`${why} Not deleted from the hub: deprovisioning is not allowed.`),
      },
    ];
  }
  return [
    { ...base, kind: 'delete', reason: reason(`${why} Deleted from the hub (remove action "delete").`) },
  ];
}

async function correlateInHub(
  context: InboundContext,
  desired: ScimResource,
): Promise<HubObject | undefined | 'ambiguous'> {
  const { hub } = context.stores;
  if (context.objectType === 'User') {
    return typeof desired.userName === 'string' ? hub.findByUserName(desired.userName) : undefined;
  }
  if (typeof desired.displayName !== 'string') return undefined;
  const found = await hub.search('Group', {
    filter: {
      kind: 'comparison',
      path: { attribute: 'displayName' },
      operator: 'eq',
      value: desired.displayName,
    },
    startIndex: 1,
    count: 2,
  });
  if (found.totalResults > 1) return 'ambiguous';
  return found.objects[0];
}
