import type { SchemaDefinition } from '../attribute-definition.js';
import { GROUP_SCHEMA } from '../urns.js';
import { defineAttribute, defineComplex } from './define-attribute.js';

/**
 * The core Group schema of RFC 7643 §4.2 with the characteristics of §8.7.1.
 *
 * Two choices where the RFC disagrees with itself or is silent:
 * - `displayName` is required, as the normative text of §4.2 says ("REQUIRED"), although the
 *   §8.7.1 representation lists required false.
 * - `members.display` is not in §8.7.1 but appears in the §8.4 example and is sent by common
 *   clients; it is declared immutable like the other member sub-attributes (§4.2: members may be
 *   added and removed, their sub-attributes are immutable).
 */
export const GROUP_SCHEMA_DEFINITION: SchemaDefinition = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    defineAttribute('displayName', { description: 'The name of the group, for display.', required: true }),
    defineComplex(
      'members',
      [
        defineAttribute('value', { description: 'The id of the member resource.', mutability: 'immutable' }),
        defineAttribute('$ref', {
          type: 'reference',
          referenceTypes: ['User', 'Group'],
          description: 'URI of the member resource.',
          mutability: 'immutable',
        }),
        defineAttribute('display', { description: 'Display name of the member.', mutability: 'immutable' }),
        defineAttribute('type', {
          description: 'The member\'s resource type: "User", or "Group" for a nested group.',
          canonicalValues: ['User', 'Group'],
          mutability: 'immutable',
        }),
      ],
      { multiValued: true, description: 'The members of the group: users and, where supported, groups.' },
    ),
  ],
};
