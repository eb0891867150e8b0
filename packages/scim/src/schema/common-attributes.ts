import type { AttributeDefinition } from './attribute-definition.js';

/**
 * The attributes every resource has (RFC 7643 §3.1): `id`, `externalId` and `meta`. They are
 * not part of any schema's `attributes` list but can be filtered, sorted and projected.
 */
const readOnlyString = (
  name: string,
  caseExact: boolean,
  extra: Partial<AttributeDefinition> = {},
): AttributeDefinition => ({
  name,
  type: 'string',
  multiValued: false,
  required: false,
  caseExact,
  mutability: 'readOnly',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

export const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = [
  readOnlyString('id', true, {
    returned: 'always',
    uniqueness: 'server',
    description: 'Unique identifier assigned by the service provider.',
  }),
  {
    name: 'externalId',
    type: 'string',
    multiValued: false,
    required: false,
    caseExact: true,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    description: 'Identifier of the resource as defined by the provisioning client.',
  },
  {
    name: 'meta',
    type: 'complex',
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: 'readOnly',
    returned: 'default',
    uniqueness: 'none',
    description: 'Resource metadata maintained by the service provider.',
    subAttributes: [
      readOnlyString('resourceType', true),
      { ...readOnlyString('created', false), type: 'dateTime' },
      { ...readOnlyString('lastModified', false), type: 'dateTime' },
      { ...readOnlyString('location', true), type: 'reference', referenceTypes: ['uri'] },
      readOnlyString('version', true),
    ],
  },
];
