import type { Link } from '../../model/link.js';
import type { ProvisioningRule } from '../../model/provisioning-rule.js';
import type { OutboundContext } from '../outbound-context.js';
import { planObject } from '../plan-object.js';
import type { PlannedOperation } from '../planned-operation.js';
import { computeUpdate } from '../compute-update.js';

/**
 * What deleting a rule does to one object it provisioned. Objects another rule still wants
 * only lose the rule from their provenance. Objects only this rule wanted are deprovisioned by
 * the connection's remove action when "deprovision on rule deletion" is on, and otherwise
 * released: the link is forgotten and the remote object is left exactly as it is.
 */
export async function planRuleDeletionFor(
  context: OutboundContext,
  rule: ProvisioningRule,
  link: Link,
): Promise<PlannedOperation[]> {
  const base = { connectionId: link.connectionId, objectType: link.objectType, hubId: link.hubId };
  const others = link.ruleIds.filter((id) => id !== rule.id);
  if (others.length > 0) {
    if (!link.remoteId) return [];
    // Only the provenance changes; recorded like a confirmation, so a plan stays free of writes.
    return [
      {
        ...base,
        kind: 'confirm',
        remoteId: link.remoteId,
        state: link.state,
        reason: {
          ruleIds: others,
          summary: `Rule "${rule.name}" was deleted; still provisioned by ${others.join(', ')}.`,
        },
      },
    ];
  }
  if (!context.connection.preferences.deprovisionOnRuleDeletion) {
    return [
      {
        ...base,
        kind: 'release',
        ...(link.remoteId ? { remoteId: link.remoteId } : {}),
        reason: {
          ruleIds: [rule.id],
          summary: `Rule "${rule.name}" was deleted and "deprovision on rule deletion" is off: the link is released and the remote object is left alone.`,
        },
      },
    ];
  }
  // Paced and retried like every planning read.
  const get = context.connector.get?.bind(context.connector);
  const remoteId = link.remoteId;
  const linkedRemote =
    remoteId && get ? await context.readRemote(() => get(link.objectType, remoteId)) : undefined;
  return planObject({
    ...base,
    preferences: context.connection.preferences,
    wantedBy: [],
    hubDeleted: false,
    removalReason: `Rule "${rule.name}" was deleted and it alone provisioned this object ("deprovision on rule deletion" is on).`,
    link,
    ...(linkedRemote ? { linkedRemote } : {}),
    computeUpdate: (remote, desired) =>
      computeUpdate(remote, desired, {
        registry: context.registry,
        objectType: link.objectType,
        valuePathFilters: context.implemented.patch,
      }),
  });
}
