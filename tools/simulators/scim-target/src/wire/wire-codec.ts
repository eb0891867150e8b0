import {
  LIST_RESPONSE_URN,
  listResponse,
  normalisePatchRequest,
  SCIM_MEDIA_TYPE,
  type PatchOperation,
  type ScimResource,
} from '@idsync/scim';
import type { ScimVersion } from '../options/scim-target-options.js';
import type { Page } from '../profiles/list-pager.js';
import type { ResourceTypeName } from '../store/resource-collection.js';

/**
 * Translation between the target's canonical SCIM 2.0 resources and what travels on the wire
 * in one protocol version. Everything inside the target — store, policies, filters, PATCH —
 * works on 2.0; only the edges convert.
 */
export interface WireCodec {
  readonly version: ScimVersion;
  /** The Content-Type of answers. */
  readonly mediaType: string;
  /** A User or Group body as received, in 2.0 form (not yet validated). */
  decodeResource(body: unknown, resourceType: ResourceTypeName): unknown;
  encodeResource(resource: ScimResource): unknown;
  encodeList(page: Page<ScimResource>): unknown;
  /** A PATCH body as received, as 2.0 operations; `current` is the stored resource. */
  decodePatch(body: unknown, current: ScimResource, resourceType: ResourceTypeName): PatchOperation[];
}

/** SCIM 2.0: resources travel as they are stored; PATCH bodies are PatchOp messages. */
export const v2WireCodec: WireCodec = {
  version: '2.0',
  mediaType: SCIM_MEDIA_TYPE,
  decodeResource: (body) => body,
  encodeResource: (resource) => resource,
  encodeList(page) {
    if (page.info.kind === 'index') {
      return listResponse(page.resources, {
        totalResults: page.info.totalResults,
        startIndex: page.info.startIndex,
      });
    }
    return {
      schemas: [LIST_RESPONSE_URN],
      itemsPerPage: page.resources.length,
      Resources: page.resources,
      ...(page.info.nextCursor !== undefined ? { nextCursor: page.info.nextCursor } : {}),
    };
  },
  decodePatch: (body) => normalisePatchRequest(body),
};
