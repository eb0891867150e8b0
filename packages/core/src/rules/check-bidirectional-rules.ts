import type { ConfigIssue } from '../config/config-error.js';
import { compileExpression } from '../mapping/compile-expression.js';
import type { ProvisioningRule } from '../model/provisioning-rule.js';

const normalise = (path: string) => path.replace(/\s+/g, '').toLowerCase();

/** Remote attributes an inbound rule reads: direct sources and the references of expressions. */
function remoteAttributesRead(rule: ProvisioningRule): Map<string, string> {
  const read = new Map<string, string>();
  for (const mapping of rule.mappings) {
    if (rule.authority?.[mapping.target] === 'hub') continue;
    if (mapping.kind === 'direct') read.set(normalise(mapping.source), mapping.target);
    if (mapping.kind === 'expression') {
      try {
        for (const reference of compileExpression(mapping.expression, { registry: null }).references) {
          read.set(normalise(reference), mapping.target);
        }
      } catch {
        // A broken expression is reported by the mapping compiler with a better message.
      }
    }
  }
  return read;
}

/**
 * Two-way rules on one connection must never ping-pong: an attribute that an outbound rule
 * writes to the store and an inbound rule reads back into the hub needs an owner, declared in
 * `authority`: "hub" on the inbound rule's target, or "remote" on the outbound rule's target —
 * whichever rule does not own it stops writing it. Returns every attribute without an owner.
 */
export function checkBidirectionalRules(rules: readonly ProvisioningRule[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const outbound of rules.filter((r) => r.direction === 'outbound' && r.enabled)) {
    for (const inbound of rules.filter(
      (r) =>
        r.direction === 'inbound' &&
        r.enabled &&
        r.connectionId === outbound.connectionId &&
        r.objectType === outbound.objectType,
    )) {
      const read = remoteAttributesRead(inbound);
      for (const mapping of outbound.mappings) {
        if (outbound.authority?.[mapping.target] === 'remote') continue;
        const hubTarget = read.get(normalise(mapping.target));
        if (hubTarget === undefined) continue;
        issues.push({
          key: `rules.${outbound.id}.authority`,
          problem: `"${mapping.target}" is written to connection "${outbound.connectionId}" by rule "${outbound.name}" and read back into the hub's "${hubTarget}" by rule "${inbound.name}", with no owner: the two rules could overwrite each other forever.`,
          fix: `Say who owns it: authority "${hubTarget}": "hub" on rule "${inbound.id}" (the hub owns it; the inbound rule stops writing it), or authority "${mapping.target}": "remote" on rule "${outbound.id}" (the store owns it; the outbound rule stops writing it).`,
        });
      }
    }
  }
  return issues;
}
