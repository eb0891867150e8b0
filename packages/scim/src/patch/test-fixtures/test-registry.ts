import { createCoreRegistry } from '../../schema/core-registry.js';
import type { SchemaDefinition } from '../../schema/attribute-definition.js';
import { defineAttribute } from '../../schema/definitions/define-attribute.js';
import type { SchemaScope } from '../../schema/schema-registry.js';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '../../schema/urns.js';
import type { PatchContext } from '../patch-operation.js';

/** A custom User extension with one attribute of each kind the standard schemas lack. */
export const TEST_EXTENSION = 'urn:example:params:scim:schemas:extension:idsync-test:2.0:User';

export const TEST_EXTENSION_SCHEMA: SchemaDefinition = {
  id: TEST_EXTENSION,
  name: 'IdsyncTestUser',
  attributes: [
    defineAttribute('badgeNumber', { type: 'integer', mutability: 'immutable' }),
    defineAttribute('hireDate', { type: 'dateTime' }),
    defineAttribute('contractor', { type: 'boolean' }),
    defineAttribute('rate', { type: 'decimal' }),
    defineAttribute('tags', { multiValued: true }),
    defineAttribute('codes', { multiValued: true, caseExact: true }),
    defineAttribute('clearance', { mutability: 'readOnly' }),
  ],
};

export const registry = createCoreRegistry({
  extensions: [{ schema: TEST_EXTENSION_SCHEMA, resourceType: 'User' }],
});
export const userScope: SchemaScope = registry.scopeOf('User');
export const groupScope: SchemaScope = registry.scopeOf('Group');
export const userContext: PatchContext = { registry, scope: userScope };
export const groupContext: PatchContext = { registry, scope: groupScope };

export { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA };
