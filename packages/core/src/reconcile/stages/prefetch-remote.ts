import type { FilterNode } from '@idsync/scim';
import type { RemoteObject } from '../../spi/remote-object.js';
import type { OutboundContext } from '../outbound-context.js';

/** What one look-up answered for one hub object, or why it has no answer. */
export type LookupResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const failAll = <T>(keys: Iterable<string>, error: string) =>
  new Map<string, LookupResult<T>>([...keys].map((key) => [key, { ok: false, error }]));

/**
 * Stage "prefetch" (remote side, by id): the objects behind a page's links, keyed by hub id;
 * `undefined` when the store says the object is gone. One paced `getMany` for the whole page
 * when the connector has it, else one paced `get` per object. A read that still fails after
 * the executor's retries fails the objects it was for, and only those.
 */
export async function readLinkedObjects(
  context: OutboundContext,
  remoteIdByHubId: ReadonlyMap<string, string>,
): Promise<Map<string, LookupResult<RemoteObject | undefined>>> {
  if (remoteIdByHubId.size === 0) return new Map();
  const { connector, objectType } = context;
  if (connector.getMany) {
    const getMany = connector.getMany.bind(connector);
    try {
      const found = await context.readRemote(() =>
        getMany(objectType, [...new Set(remoteIdByHubId.values())]),
      );
      return new Map(
        [...remoteIdByHubId].map(([hubId, remoteId]) => [hubId, { ok: true, value: found.get(remoteId) }]),
      );
    } catch (error) {
      return failAll(
        remoteIdByHubId.keys(),
        `Reading the remote objects of this page failed: ${describe(error)}`,
      );
    }
  }
  if (!connector.get) {
    return failAll(
      remoteIdByHubId.keys(),
      `Connector "${context.connection.connectorId}" cannot read objects by id (no get or getMany operation).`,
    );
  }
  const get = connector.get.bind(connector);
  const answers = await Promise.all(
    [...remoteIdByHubId].map(
      async ([hubId, remoteId]): Promise<[string, LookupResult<RemoteObject | undefined>]> => {
        try {
          return [hubId, { ok: true, value: await context.readRemote(() => get(objectType, remoteId)) }];
        } catch (error) {
          return [hubId, { ok: false, error: `Reading the remote object failed: ${describe(error)}` }];
        }
      },
    ),
  );
  return new Map(answers);
}

/**
 * Stage "prefetch" (remote side, by filter): the correlation matches of a page's objects that
 * have no link (or whose linked object is gone), keyed by hub id. One paced `findEach` for the
 * whole page when the connector has it, else one paced `find` per object. Without either, no
 * object can be found: every answer is "no match", as correlation always was without `find`.
 */
export async function findCorrelationMatches(
  context: OutboundContext,
  filterByHubId: ReadonlyMap<string, FilterNode>,
): Promise<Map<string, LookupResult<readonly RemoteObject[]>>> {
  if (filterByHubId.size === 0) return new Map();
  const { connector, objectType } = context;
  if (connector.findEach) {
    const findEach = connector.findEach.bind(connector);
    const hubIds = [...filterByHubId.keys()];
    try {
      const answers = await context.readRemote(() => findEach(objectType, [...filterByHubId.values()]));
      if (!Array.isArray(answers) || answers.length !== hubIds.length) {
        throw new Error(
          `connector "${context.connection.connectorId}" answered ${hubIds.length} filters with ${Array.isArray(answers) ? answers.length : 'no'} results; findEach must answer each filter in order`,
        );
      }
      return new Map(hubIds.map((hubId, index) => [hubId, { ok: true, value: answers[index]! }]));
    } catch (error) {
      return failAll(
        hubIds,
        `Looking for the objects of this page on the remote side (correlation) failed: ${describe(error)}`,
      );
    }
  }
  const find = connector.find?.bind(connector);
  const answers = await Promise.all(
    [...filterByHubId].map(
      async ([hubId, filter]): Promise<[string, LookupResult<readonly RemoteObject[]>]> => {
        if (!find) return [hubId, { ok: true, value: [] }];
        try {
          return [hubId, { ok: true, value: await context.readRemote(() => find(objectType, filter)) }];
        } catch (error) {
          return [
            hubId,
            {
              ok: false,
              error: `Looking for the object on the remote side (correlation) failed: ${describe(error)}`,
            },
          ];
        }
      },
    ),
  );
  return new Map(answers);
}
