import type { AttributeDefinition, SchemaDefinition } from '../attribute-definition.js';
import { SERVICE_PROVIDER_CONFIG_SCHEMA } from '../urns.js';
import { defineAttribute, defineComplex, type AttributeOverrides } from './define-attribute.js';

/** Every attribute of a discovery resource is set by the service provider alone. */
const readOnly = (name: string, overrides: AttributeOverrides = {}): AttributeDefinition =>
  defineAttribute(name, { mutability: 'readOnly', ...overrides });

const supported = (feature: string): AttributeDefinition =>
  readOnly('supported', { type: 'boolean', required: true, description: `Whether ${feature} is supported.` });

const feature = (
  name: string,
  description: string,
  extra: readonly AttributeDefinition[] = [],
): AttributeDefinition =>
  defineComplex(name, [supported(description), ...extra], {
    required: true,
    mutability: 'readOnly',
    description: `${description} options.`,
  });

/** The ServiceProviderConfig schema (RFC 7643 §5 and §8.7.2). */
export const SERVICE_PROVIDER_CONFIG_SCHEMA_DEFINITION: SchemaDefinition = {
  id: SERVICE_PROVIDER_CONFIG_SCHEMA,
  name: 'Service Provider Configuration',
  description: 'What the service supports of the optional parts of SCIM.',
  attributes: [
    readOnly('documentationUri', {
      type: 'reference',
      referenceTypes: ['external'],
      description: 'URL of documentation for people.',
    }),
    feature('patch', 'PATCH'),
    feature('bulk', 'Bulk', [
      readOnly('maxOperations', {
        type: 'integer',
        required: true,
        description: 'Most operations in one bulk request.',
      }),
      readOnly('maxPayloadSize', {
        type: 'integer',
        required: true,
        description: 'Largest bulk request body, in bytes.',
      }),
    ]),
    feature('filter', 'Filtering', [
      readOnly('maxResults', {
        type: 'integer',
        required: true,
        description: 'Most resources returned in one response.',
      }),
    ]),
    feature('changePassword', 'Changing the password'),
    feature('sort', 'Sorting'),
    feature('etag', 'ETags'),
    defineComplex(
      'authenticationSchemes',
      [
        readOnly('type', {
          required: true,
          canonicalValues: ['oauth', 'oauth2', 'oauthbearertoken', 'httpbasic', 'httpdigest'],
          description: 'The kind of authentication.',
        }),
        readOnly('name', {
          required: true,
          description: 'Common name of the scheme, such as "OAuth Bearer Token".',
        }),
        readOnly('description', { required: true, description: 'What the scheme is.' }),
        readOnly('specUri', {
          type: 'reference',
          referenceTypes: ['external'],
          description: "URL of the scheme's specification.",
        }),
        readOnly('documentationUri', {
          type: 'reference',
          referenceTypes: ['external'],
          description: 'URL of documentation on using the scheme here.',
        }),
        readOnly('primary', { type: 'boolean', description: 'True for the preferred scheme.' }),
      ],
      { multiValued: true, required: true, mutability: 'readOnly', description: 'How clients authenticate.' },
    ),
  ],
};
