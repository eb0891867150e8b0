import { ScimError } from '@idsync/scim';
import type { TargetPolicy } from '../target-policy.js';
import { combinationOf, equalityTerms } from './equality-terms.js';

/** Spellings AWS treats as the same filter attribute. */
const ALIASES: Readonly<Record<string, string>> = {
  groups: 'groups.value',
  'manager.value': 'manager',
  'members.value': 'members',
};

/** The combinations of the ListUsers / ListGroups pages of the developer guide (sorted, `+`-joined). */
const ALLOWED: Readonly<Record<'User' | 'Group', readonly string[]>> = {
  User: ['username', 'externalid', 'groups.value', 'id', 'id+manager'],
  Group: ['displayname', 'externalid', 'members', 'id', 'id+members'],
};

const EXAMPLES = {
  User: 'userName, externalId, groups.value, id, or id and manager',
  Group: 'displayName, externalId, members, id, or id and members',
};

/**
 * AWS IAM Identity Center filters: only `eq`, joined by `and`, on a fixed set of attribute
 * combinations, each compared with a quoted string. Anything else is a 400 ValidationException.
 * A membership filter naming a user that does not exist answers 404 (ResourceNotFoundException),
 * as the ListGroups page documents.
 */
export const awsFilterRules: TargetPolicy = {
  name: 'aws-filter-rules',
  description:
    'Filters: eq only, joined by and; users on userName, externalId, groups.value, id (+manager); groups on displayName, externalId, members, id (+members).',
  checkFilter(filter, context) {
    const terms = equalityTerms(filter, 'AWS IAM Identity Center');
    const combination = combinationOf(terms, ALIASES);
    if (!ALLOWED[context.resourceType].includes(combination)) {
      throw ScimError.invalidFilter(
        `AWS IAM Identity Center cannot filter ${context.resourceType}s on ${terms.map((t) => t.attribute).join(' and ')}; supported: ${EXAMPLES[context.resourceType]}.`,
      );
    }
    for (const term of terms) {
      if (typeof term.value !== 'string') {
        throw ScimError.invalidFilter(
          `Filter values must be quoted strings: attribute eq "value"; ${term.attribute} has ${JSON.stringify(term.value)}.`,
        );
      }
      if (context.resourceType === 'Group' && (ALIASES[term.attribute] ?? term.attribute) === 'members') {
        if (!context.store.users.has(term.value) && !context.store.groups.has(term.value)) {
          throw ScimError.notFound(`The member ${term.value} in the filter does not exist.`);
        }
      }
    }
  },
};
