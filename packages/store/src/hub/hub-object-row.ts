import type { HubObject, ObjectType } from '@idsync/core';
import type { ScimResource } from '@idsync/scim';

/** The columns every read of a hub object selects (see HUB_OBJECT_COLUMNS). */
export interface HubObjectRow {
  id: string;
  type: string;
  population_id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  resource: Record<string, unknown>;
}

export const HUB_OBJECT_COLUMNS = [
  'o.id',
  'o.type',
  'o.population_id',
  'o.version',
  'o.created_at',
  'o.updated_at',
  'o.resource',
] as const;

/** One entry of a user's read-only `groups` attribute. */
export interface GroupReference {
  value: string;
  display?: string;
  type: 'direct';
}

/** The SCIM weak ETag of a version, as `meta.version` carries it. */
export function versionTag(version: number): string {
  return `W/"${version}"`;
}

/**
 * Builds the object a caller sees: the stored resource with `id`, `meta` from the columns (the
 * one source of truth for timestamps and version; `location` is the server's to add) and, for
 * users, the `groups` attribute the membership index yields.
 */
export function toHubObject(row: HubObjectRow, groups?: readonly GroupReference[]): HubObject {
  const type = row.type as ObjectType;
  const createdAt = row.created_at.toISOString();
  const updatedAt = row.updated_at.toISOString();
  const resource = {
    ...row.resource,
    id: row.id,
    meta: {
      resourceType: type,
      created: createdAt,
      lastModified: updatedAt,
      version: versionTag(row.version),
    },
  } as ScimResource;
  if (groups && groups.length > 0) resource.groups = groups.map((group) => ({ ...group }));
  return {
    id: row.id,
    type,
    populationId: row.population_id,
    resource,
    version: row.version,
    createdAt,
    updatedAt,
  };
}
