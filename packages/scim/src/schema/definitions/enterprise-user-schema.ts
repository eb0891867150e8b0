import type { SchemaDefinition } from '../attribute-definition.js';
import { ENTERPRISE_USER_SCHEMA } from '../urns.js';
import { defineAttribute, defineComplex } from './define-attribute.js';

/**
 * The enterprise User extension of RFC 7643 §4.3 with the characteristics of §8.7.1. Its
 * attributes live under the extension URN key of a User resource.
 *
 * `manager.value` and `manager.$ref` are optional: §4.3 calls them RECOMMENDED, and clients such
 * as Entra ID send only `value`. (The §8.7.1 representation marks both required; the normative
 * text wins.)
 */
export const ENTERPRISE_USER_SCHEMA_DEFINITION: SchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise user',
  attributes: [
    defineAttribute('employeeNumber', {
      description: 'Employee number or other identifier given by the organisation.',
    }),
    defineAttribute('costCenter', { description: 'Name of the cost center.' }),
    defineAttribute('organization', { description: 'Name of the organisation.' }),
    defineAttribute('division', { description: 'Name of the division.' }),
    defineAttribute('department', { description: 'Name of the department.' }),
    defineComplex(
      'manager',
      [
        defineAttribute('value', { description: "The id of the manager's User resource.", caseExact: true }),
        defineAttribute('$ref', {
          type: 'reference',
          referenceTypes: ['User'],
          description: "URI of the manager's User resource.",
        }),
        defineAttribute('displayName', {
          description: "The manager's display name.",
          mutability: 'readOnly',
        }),
      ],
      { description: "The user's manager, a reference to another User." },
    ),
  ],
};
