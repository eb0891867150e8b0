import type { SchemaDefinition } from '../attribute-definition.js';
import { RESOURCE_TYPE_SCHEMA } from '../urns.js';
import { defineAttribute, defineComplex } from './define-attribute.js';

/**
 * The ResourceType schema (RFC 7643 §6 and §8.7.2). `schemaExtensions` is multi-valued and
 * optional as §6 describes it ("a list", OPTIONAL); the §8.7.2 representation marks it
 * single-valued and required, which no real resource type follows.
 */
export const RESOURCE_TYPE_SCHEMA_DEFINITION: SchemaDefinition = {
  id: RESOURCE_TYPE_SCHEMA,
  name: 'ResourceType',
  description: 'Describes one kind of resource the service holds.',
  attributes: [
    defineAttribute('id', {
      mutability: 'readOnly',
      description: 'Identifier of the resource type; often equal to its name.',
    }),
    defineAttribute('name', {
      required: true,
      caseExact: true,
      mutability: 'readOnly',
      uniqueness: 'server',
      description: 'Name of the resource type, such as "User".',
    }),
    defineAttribute('description', { mutability: 'readOnly', description: 'What the resource type is.' }),
    defineAttribute('endpoint', {
      type: 'reference',
      referenceTypes: ['uri'],
      required: true,
      mutability: 'readOnly',
      uniqueness: 'server',
      description: 'Path of the endpoint relative to the base URL, such as "/Users".',
    }),
    defineAttribute('schema', {
      type: 'reference',
      referenceTypes: ['uri'],
      required: true,
      caseExact: true,
      mutability: 'readOnly',
      description: 'URN of the core schema of the resource type.',
    }),
    defineComplex(
      'schemaExtensions',
      [
        defineAttribute('schema', {
          type: 'reference',
          referenceTypes: ['uri'],
          required: true,
          caseExact: true,
          mutability: 'readOnly',
          description: 'URN of an extension schema.',
        }),
        defineAttribute('required', {
          type: 'boolean',
          required: true,
          mutability: 'readOnly',
          description: 'Whether every resource of this type must carry the extension.',
        }),
      ],
      {
        multiValued: true,
        mutability: 'readOnly',
        description: 'Extension schemas resources of this type may carry.',
      },
    ),
  ],
};
