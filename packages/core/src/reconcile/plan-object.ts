import type { PatchOperation, ScimResource } from '@idsync/scim';
import type { ConnectionPreferences } from '../model/connection.js';
import type { Link } from '../model/link.js';
import type { ObjectType } from '../model/object-type.js';
import type { RemoteObject } from '../spi/remote-object.js';
import type { AttributeChange, OperationReason, PlannedOperation } from './planned-operation.js';
import { withoutClearedValues } from './without-cleared-values.js';

/** What correlation found for an object that has no link yet. */
export type CorrelationOutcome =
  | { readonly kind: 'none'; readonly filter: string }
  /** `linkedTo`: another hub object's link already points at it — `gone` says whether that object still exists. */
  | {
      readonly kind: 'one';
      readonly filter: string;
      readonly remote: RemoteObject;
      readonly linkedTo?: { readonly hubId: string; readonly gone: boolean };
    }
  | { readonly kind: 'many'; readonly filter: string; readonly count: number };

export interface ComputedUpdate {
  readonly patch: readonly PatchOperation[];
  readonly changes: readonly AttributeChange[];
  /** The whole remote object as it should be after the update (for full-replace connectors). */
  readonly target: ScimResource;
}

export interface ObjectPlanInput {
  readonly connectionId: string;
  readonly objectType: ObjectType;
  readonly hubId: string;
  readonly preferences: ConnectionPreferences;
  /** Rules whose scope holds the object; empty when none does (or the hub object is gone). */
  readonly wantedBy: readonly string[];
  /** True when the hub object no longer exists (rather than having left every scope). */
  readonly hubDeleted: boolean;
  /** Why the object is no longer wanted, when it is neither of the above (e.g. its rule was deleted). */
  readonly removalReason?: string;
  /** The mapped object for a create (with on-create-only mappings) and for an update. */
  readonly desired?: { readonly onCreate: ScimResource; readonly onUpdate: ScimResource };
  readonly link?: Link;
  /** The remote object behind the link: undefined when it is gone. Ignored without a link. */
  readonly linkedRemote?: RemoteObject;
  /** Set when there is no link, or when the linked remote object is gone and the object is still wanted. */
  readonly correlation?: CorrelationOutcome;
  /** Attribute-level difference between a remote object and the desired state. */
  readonly computeUpdate: (remote: ScimResource, desired: ScimResource) => ComputedUpdate;
}

const isActive = (resource: ScimResource | undefined): boolean => resource?.active !== false;

/**
 * Decides what to do with one object on one connection: the heart of the planner. Pure: the
 * same inputs always give the same operations, each with the reason a person needs to trust it.
 */
export function planObject(input: ObjectPlanInput): PlannedOperation[] {
  const base = { connectionId: input.connectionId, objectType: input.objectType, hubId: input.hubId };
  const reason = (summary: string, changes?: readonly AttributeChange[]): OperationReason => ({
    ruleIds: input.wantedBy.length ? input.wantedBy : (input.link?.ruleIds ?? []),
    summary,
    ...(changes ? { changes } : {}),
  });

  if (input.wantedBy.length > 0 && input.desired) return planWanted(input, input.desired, base, reason);
  return planUnwanted(input, base, reason);
}

type Base = Pick<PlannedOperation, 'connectionId' | 'objectType' | 'hubId'>;
type ReasonOf = (summary: string, changes?: readonly AttributeChange[]) => OperationReason;

function planWanted(
  input: ObjectPlanInput,
  desired: NonNullable<ObjectPlanInput['desired']>,
  base: Base,
  reason: ReasonOf,
): PlannedOperation[] {
  if (input.link?.remoteId && input.linkedRemote) {
    return planUpdate(
      input,
      input.link.remoteId,
      input.linkedRemote.resource,
      desired.onUpdate,
      base,
      reason,
    );
  }
  // A linked object that is gone may have been recreated or renamed outside idsync: it is
  // looked for like an unlinked one, and created only if nothing matches.
  const gone = input.link?.remoteId
    ? 'The linked remote object no longer exists (deleted outside idsync). '
    : '';
  const correlation = input.correlation ?? { kind: 'none', filter: '' };
  switch (correlation.kind) {
    case 'many':
      return [
        {
          ...base,
          kind: 'error',
          reason: reason(
            `${gone}Correlation is ambiguous: ${correlation.count} remote objects match ${correlation.filter}. idsync never guesses; ` +
              'make the user identifier unique on the remote side or change the user filter expression.',
          ),
        },
      ];
    case 'one': {
      const remoteId = correlation.remote.remoteId;
      const owner = correlation.linkedTo;
      if (owner && !owner.gone) {
        return [
          {
            ...base,
            kind: 'error',
            remoteId,
            reason: reason(
              `${gone}The remote object matching ${correlation.filter} is already linked to hub object ${owner.hubId}. ` +
                'Two hub objects map to the same remote identity: make the identifier unique or change the user filter expression.',
            ),
          },
        ];
      }
      const link: PlannedOperation = {
        ...base,
        kind: 'link',
        remoteId,
        ...(owner ? { takesOverFrom: owner.hubId } : {}),
        reason: reason(
          owner
            ? `${gone}The remote object matching ${correlation.filter} belonged to a hub object that was deleted; it is linked to this one (a re-hire).`
            : `${gone}An existing remote object matches ${correlation.filter}; it is linked instead of creating a duplicate.`,
        ),
      };
      const updates = planUpdate(
        input,
        remoteId,
        correlation.remote.resource,
        desired.onUpdate,
        base,
        reason,
      );
      const settled = input.objectType === 'User' && !isActive(desired.onUpdate) ? 'disabled' : 'in-sync';
      return [{ ...link, state: updates.some((u) => u.kind === 'update') ? 'pending' : settled }, ...updates];
    }
    case 'none':
      return planCreate(
        input,
        desired.onCreate,
        base,
        reason,
        gone
          ? `${gone}${correlation.filter ? `No remote object matches ${correlation.filter}; it is created again.` : 'It is created again.'}`
          : correlation.filter
            ? `No remote object matches ${correlation.filter}.`
            : 'The object is not on the remote side yet.',
      );
  }
}

function planCreate(
  input: ObjectPlanInput,
  resource: ScimResource,
  base: Base,
  reason: ReasonOf,
  why: string,
): PlannedOperation[] {
  const { preferences } = input;
  if (!preferences.allowCreate) {
    return [
      {
        ...base,
        kind: 'skip',
        reason: reason(`${why} Not created: the connection does not allow creating objects.`),
      },
    ];
  }
  if (input.objectType === 'User' && !isActive(resource) && !preferences.provisionDisabledUsers) {
    return [
      {
        ...base,
        kind: 'skip',
        reason: reason(
          `${why} Not created: the user is disabled in the hub and the connection does not provision disabled users.`,
        ),
      },
    ];
  }
  const inactive =
    input.objectType === 'User' && !isActive(resource)
      ? ' It is created inactive, as it is disabled in the hub.'
      : '';
  return [
    {
      ...base,
      kind: 'create',
      resource: withoutClearedValues(resource),
      reason: reason(`${why} Created.${inactive}`),
    },
  ];
}

function planUpdate(
  input: ObjectPlanInput,
  remoteId: string,
  remote: ScimResource,
  desired: ScimResource,
  base: Base,
  reason: ReasonOf,
): PlannedOperation[] {
  const { preferences } = input;
  const update = input.computeUpdate(remote, desired);
  if (update.patch.length === 0) return [];
  const disabling = input.objectType === 'User' && isActive(remote) && !isActive(desired);
  const paths = update.changes.map((change) => change.path).join(', ');
  if (disabling && !preferences.allowDisable) {
    return [
      {
        ...base,
        kind: 'skip',
        remoteId,
        reason: reason(
          `The user is disabled in the hub, but the connection does not allow disabling users.`,
          update.changes,
        ),
      },
    ];
  }
  if (!preferences.allowUpdate && !disabling) {
    return [
      {
        ...base,
        kind: 'skip',
        remoteId,
        reason: reason(`Differs in ${paths}, but the connection does not allow updates.`, update.changes),
      },
    ];
  }
  return [
    {
      ...base,
      kind: 'update',
      remoteId,
      patch: update.patch,
      resource: update.target,
      reason: reason(
        disabling
          ? `The user is disabled in the hub; disabled remotely too (${paths}).`
          : `Differs in ${paths}.`,
        update.changes,
      ),
    },
  ];
}

function planUnwanted(input: ObjectPlanInput, base: Base, reason: ReasonOf): PlannedOperation[] {
  const { link, preferences } = input;
  if (!link) return [];
  const why =
    input.removalReason ??
    (input.hubDeleted ? 'The hub object was deleted.' : 'The object is no longer in the scope of any rule.');
  if (!link.remoteId || !input.linkedRemote) {
    return [
      {
        ...base,
        kind: 'release',
        reason: reason(`${why} The remote object is already gone; the link is released.`),
      },
    ];
  }
  const remoteId = link.remoteId;
  const disableInstead = preferences.removeAction === 'disable' && input.objectType === 'User';
  if (disableInstead) {
    if (!isActive(input.linkedRemote.resource)) {
      // Already inactive remotely (a crash after the write, or someone disabled it): only the link learns it.
      if (link.state === 'deprovisioned') return [];
      return [
        {
          ...base,
          kind: 'confirm',
          remoteId,
          state: 'deprovisioned',
          reason: reason(`${why} The remote object is already inactive.`),
        },
      ];
    }
    if (!preferences.allowDisable) {
      return [
        {
          ...base,
          kind: 'skip',
          remoteId,
          reason: reason(`${why} Not disabled: the connection does not allow disabling users.`),
        },
      ];
    }
    return [{ ...base, kind: 'disable', remoteId, reason: reason(`${why} Remove action is "disable".`) }];
  }
  if (!preferences.allowDeprovision) {
    return [
      {
        ...base,
        kind: 'skip',
        remoteId,
        reason: reason(`${why} Not deleted: the connection does not allow deprovisioning.`),
      },
    ];
  }
  return [{ ...base, kind: 'delete', remoteId, reason: reason(`${why} Remove action is "delete".`) }];
}
