import { OBJECT_TYPES } from '@idsync/core';
import { listResponse, type ScimResource } from '@idsync/scim';
import type { ScimCall, ScimOutcome, ScimRoute } from '../http/scim-call.js';
import { listQueryOf, type MountContext } from './mount-context.js';
import { searchBodyOf, searchType } from './resource-routes.js';

/**
 * `POST /.search` (RFC 7644 §3.4.3): one query over every resource type. Results are users
 * first, then groups (each type sorted by `sortBy` when given); the page window runs across
 * that sequence and `totalResults` is the sum of both true totals. A filter naming an attribute
 * of one type only (`userName`) matches nothing of the other, as RFC 7644 says of unknown
 * attributes.
 */
export function rootSearchRoute(context: MountContext): ScimRoute {
  const handler = async (call: ScimCall): Promise<ScimOutcome> => {
    const query = listQueryOf(context, searchBodyOf(call.body));
    const resources: ScimResource[] = [];
    let totalResults = 0;
    let skip = query.startIndex - 1;
    let room = query.count;
    for (const type of OBJECT_TYPES) {
      const window = { startIndex: skip + 1, count: room };
      const page = await searchType(context, call, type, query, window);
      resources.push(...page.resources);
      totalResults += page.totalResults;
      skip = Math.max(0, skip - page.totalResults);
      room -= page.resources.length;
    }
    const body = listResponse(resources, { totalResults, startIndex: query.startIndex });
    return { status: 200, body: context.wire.listOut(body) };
  };
  return { method: 'POST', segments: ['.search'], body: 'resource', handler };
}
