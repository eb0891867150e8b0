import { ScimError } from '@idsync/scim';
import type { TargetPolicy } from '../target-policy.js';
import { equalityTerms } from './equality-terms.js';

const ALLOWED: Readonly<Record<'User' | 'Group', readonly string[]>> = {
  User: ['username', 'externalid'],
  Group: ['displayname'],
};

/**
 * Atlassian Cloud filters: exactly one `eq` — users on userName or externalId, groups on
 * displayName. No `and`, no other operators.
 */
export const atlassianFilterRules: TargetPolicy = {
  name: 'atlassian-filter-rules',
  description: 'Filters: one eq only; users on userName or externalId, groups on displayName.',
  checkFilter(filter, context) {
    const terms = equalityTerms(filter, 'Atlassian Cloud');
    const allowed = ALLOWED[context.resourceType];
    const only = terms.length === 1 ? terms[0] : undefined;
    if (!only || !allowed.includes(only.attribute)) {
      throw ScimError.invalidFilter(
        `Atlassian Cloud filters ${context.resourceType}s with one "eq" on ${context.resourceType === 'User' ? 'userName or externalId' : 'displayName'} only.`,
      );
    }
  },
};
