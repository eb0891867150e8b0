import type { AttributeDefinition, SchemaDefinition } from '../attribute-definition.js';
import { SCHEMA_SCHEMA } from '../urns.js';
import { defineAttribute, defineComplex, type AttributeOverrides } from './define-attribute.js';

const readOnly = (name: string, overrides: AttributeOverrides = {}): AttributeDefinition =>
  defineAttribute(name, { mutability: 'readOnly', ...overrides });

/** The characteristics of RFC 7643 §7, shared by `attributes` and `attributes.subAttributes`. */
const CHARACTERISTICS: readonly AttributeDefinition[] = [
  readOnly('name', { required: true, caseExact: true, description: 'Name of the attribute.' }),
  readOnly('type', {
    required: true,
    canonicalValues: [
      'string',
      'boolean',
      'decimal',
      'integer',
      'dateTime',
      'binary',
      'reference',
      'complex',
    ],
    description: 'Data type of the attribute.',
  }),
  readOnly('multiValued', {
    type: 'boolean',
    required: true,
    description: 'Whether the attribute holds a list of values.',
  }),
  readOnly('description', { description: 'What the attribute holds.' }),
  readOnly('required', { type: 'boolean', description: 'Whether a resource must have a value for it.' }),
  readOnly('canonicalValues', {
    multiValued: true,
    caseExact: true,
    description: 'Suggested values, such as "work".',
  }),
  readOnly('caseExact', { type: 'boolean', description: 'Whether string values compare with case.' }),
  readOnly('mutability', {
    caseExact: true,
    canonicalValues: ['readOnly', 'readWrite', 'immutable', 'writeOnly'],
    description: 'Whether and when clients may change the attribute.',
  }),
  readOnly('returned', {
    caseExact: true,
    canonicalValues: ['always', 'never', 'default', 'request'],
    description: 'When the attribute is returned in responses.',
  }),
  readOnly('uniqueness', {
    caseExact: true,
    canonicalValues: ['none', 'server', 'global'],
    description: 'How unique values must be.',
  }),
  readOnly('referenceTypes', {
    multiValued: true,
    caseExact: true,
    description: 'For references: the resource types, "external" or "uri" they may point to.',
  }),
];

/**
 * The Schema schema (RFC 7643 §7 and §8.7.2): the shape of the resources `/Schemas` serves.
 * It is the one schema whose complex attribute `attributes` has a complex sub-attribute
 * (`subAttributes`), which RFC 7643 §2.3.8 otherwise forbids; the registry's checks allow it for
 * this schema only.
 */
export const SCHEMA_SCHEMA_DEFINITION: SchemaDefinition = {
  id: SCHEMA_SCHEMA,
  name: 'Schema',
  description: 'Describes a schema: its URN and its attributes.',
  attributes: [
    readOnly('id', {
      required: true,
      caseExact: true,
      uniqueness: 'server',
      description: 'URN of the schema.',
    }),
    readOnly('name', { description: 'Name of the schema, such as "User".' }),
    readOnly('description', { description: 'What the schema describes.' }),
    defineComplex(
      'attributes',
      [
        ...CHARACTERISTICS,
        defineComplex('subAttributes', CHARACTERISTICS, {
          multiValued: true,
          mutability: 'readOnly',
          description: 'For complex attributes: their sub-attributes, with the same characteristics.',
        }),
      ],
      {
        multiValued: true,
        required: true,
        mutability: 'readOnly',
        description: 'The attributes the schema defines.',
      },
    ),
  ],
};
