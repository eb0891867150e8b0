import { ScimError } from '../errors/scim-error.js';
import { getCaseInsensitive } from '../resource/case-insensitive.js';
import type { ScimResource } from '../resource/scim-resource.js';
import { LIST_RESPONSE_URN, SCIM_V1_CORE_SCHEMA } from '../schema/urns.js';
import { isPlainObject, type V1ConversionOptions } from './attribute-value-mapping.js';
import { resourceFromV1 } from './resource-from-v1.js';
import { resourceToV1, type ScimV1Resource } from './resource-to-v1.js';
import type { V1ResourceType } from './v1-schema-urns.js';

/** A SCIM 2.0 ListResponse (RFC 7644 §3.4.2) of canonical resources. */
export interface V2ListResponseBody {
  schemas: [typeof LIST_RESPONSE_URN];
  totalResults: number;
  itemsPerPage: number;
  startIndex: number;
  Resources: ScimResource[];
}

/**
 * A SCIM 1.1 list response: the core schema URN instead of a message URN, otherwise the
 * same members.
 */
export interface ScimV1ListResponse {
  schemas: [typeof SCIM_V1_CORE_SCHEMA];
  totalResults: number;
  itemsPerPage: number;
  startIndex: number;
  Resources: ScimV1Resource[];
}

/** Reads a count that 1.1 services send as a number or, now and then, as a numeric string. */
function readCount(body: Record<string, unknown>, name: string): number | undefined {
  const raw = getCaseInsensitive(body, name);
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw ScimError.invalidValue(
      `"${name}" of a SCIM 1.1 list response must be a non-negative integer, but got ${JSON.stringify(raw)}.`,
    );
  }
  return value;
}

/**
 * Converts a SCIM 1.1 list response from a 1.1 target into a 2.0 ListResponse. Tolerant of what
 * 1.1 services leave out: no `Resources` (an empty page), no `totalResults` (the page size),
 * no `itemsPerPage` (the page size) and no `startIndex` (1).
 */
export function listResponseFromV1(
  body: unknown,
  resourceType: V1ResourceType,
  options: V1ConversionOptions = {},
): V2ListResponseBody {
  if (!isPlainObject(body)) {
    throw ScimError.invalidSyntax(
      `A SCIM 1.1 list response must be a JSON object, but got ${JSON.stringify(body)?.slice(0, 60)}.`,
    );
  }
  const rawResources = getCaseInsensitive(body, 'Resources') ?? [];
  if (!Array.isArray(rawResources)) {
    throw ScimError.invalidSyntax(
      `"Resources" of a SCIM 1.1 list response must be an array of ${resourceType}s.`,
    );
  }
  const resources = rawResources.map((resource) => resourceFromV1(resource, resourceType, options));
  return {
    schemas: [LIST_RESPONSE_URN],
    totalResults: readCount(body, 'totalResults') ?? resources.length,
    itemsPerPage: readCount(body, 'itemsPerPage') ?? resources.length,
    startIndex: Math.max(1, readCount(body, 'startIndex') ?? 1),
    Resources: resources,
  };
}

/** A 2.0 ListResponse as the query layer produces it; paging members default from the page. */
export type V2ListResponseInput = Pick<V2ListResponseBody, 'totalResults' | 'Resources'> &
  Partial<Pick<V2ListResponseBody, 'itemsPerPage' | 'startIndex'>>;

/** Converts a 2.0 ListResponse to the SCIM 1.1 form the inbound `/scim/v1` server answers with. */
export function listResponseToV1(list: V2ListResponseInput): ScimV1ListResponse {
  return {
    schemas: [SCIM_V1_CORE_SCHEMA],
    totalResults: list.totalResults,
    itemsPerPage: list.itemsPerPage ?? list.Resources.length,
    startIndex: list.startIndex ?? 1,
    Resources: list.Resources.map(resourceToV1),
  };
}
