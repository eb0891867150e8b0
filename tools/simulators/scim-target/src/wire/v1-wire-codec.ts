import { listResponseToV1, patchRequestFromV1, resourceFromV1, resourceToV1 } from '@idsync/scim';
import type { WireCodec } from './wire-codec.js';

/**
 * SCIM 1.1 (as Slack's v1 API and older targets speak it): the shared `urn:scim:schemas:core:1.0`
 * schema, 1.1 list responses, and PATCH as a partial resource with `meta.attributes` to clear
 * and `"operation":"delete"` on multi-valued entries — translated by @idsync/scim's v1 codecs.
 */
export const v1WireCodec: WireCodec = {
  version: '1.1',
  mediaType: 'application/json',
  decodeResource: (body, resourceType) => resourceFromV1(body, resourceType),
  encodeResource: (resource) => resourceToV1(resource),
  encodeList(page) {
    const totalResults = page.info.kind === 'index' ? page.info.totalResults : page.resources.length;
    const startIndex = page.info.kind === 'index' ? page.info.startIndex : 1;
    return listResponseToV1({ totalResults, startIndex, Resources: page.resources });
  },
  decodePatch: (body, current, resourceType) => patchRequestFromV1(body, current, { resourceType }),
};
