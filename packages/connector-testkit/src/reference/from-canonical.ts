import type { ObjectType } from '@idsync/core';
import { validateResource, type ScimResource, type SchemaRegistry } from '@idsync/scim';
import { ReferenceStoreError } from './reference-store-error.js';
import type { RecordInput } from './stored-record.js';

export interface FromCanonicalOptions {
  readonly registry: SchemaRegistry;
  readonly mode: 'create' | 'replace';
  /** For replace: the canonical form of the stored object, so immutable attributes are enforced. */
  readonly existing?: ScimResource;
}

/**
 * A canonical resource as the store keeps it. The SCIM validator checks types, required
 * attributes and mutability, and refuses attributes no schema defines (a real store would
 * refuse them too rather than drop them silently): its `ScimError` becomes `invalid`.
 * `schemas`, `id` and `meta` are the store's to produce, so they are not stored; the password
 * is split off. Group members are refused: they change through the membership operations only.
 */
export function fromCanonical(
  type: ObjectType,
  resource: ScimResource,
  options: FromCanonicalOptions,
): RecordInput {
  const validated = validateResource(resource, {
    registry: options.registry,
    scope: options.registry.scopeOf(type),
    mode: options.mode,
    unknownAttributes: 'reject',
    ...(options.existing ? { existing: options.existing } : {}),
  });
  const { schemas: _schemas, id: _id, meta: _meta, password, members, ...attributes } = validated;
  if (members !== undefined) {
    throw new ReferenceStoreError(
      'refused',
      'The reference store changes group members only through addMembers/removeMembers; send the group without "members".',
    );
  }
  return typeof password === 'string' ? { attributes, password } : { attributes };
}
