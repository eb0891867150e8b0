import type { RemoteObject } from '@idsync/core';
import { GROUP_SCHEMA, USER_SCHEMA, type ScimResource, type ScimValue } from '@idsync/scim';
import type { StoredRecord } from './stored-record.js';

const CORE_SCHEMA = { User: USER_SCHEMA, Group: GROUP_SCHEMA } as const;

/**
 * A stored record as a canonical SCIM 2.0 resource: `schemas` rebuilt from the core schema and
 * the extensions the record holds (extension attributes live under their URN key), `id` the
 * remote id, `meta` from the store's own timestamps and revision. Group members are not part of
 * the resource: they are read with `readMembers`, page by page, so a large group never has to
 * fit in one object. The password is never part of it.
 */
export function toCanonical(record: StoredRecord): RemoteObject {
  const attributes = structuredClone(record.attributes) as Record<string, ScimValue>;
  const extensions = Object.keys(attributes).filter((key) => key.startsWith('urn:'));
  const resource: ScimResource = {
    schemas: [CORE_SCHEMA[record.type], ...extensions],
    id: record.remoteId,
    ...attributes,
    meta: {
      resourceType: record.type,
      created: record.createdAt,
      lastModified: record.modifiedAt,
      version: `W/"${record.revision}"`,
    },
  };
  return { remoteId: record.remoteId, type: record.type, resource };
}
