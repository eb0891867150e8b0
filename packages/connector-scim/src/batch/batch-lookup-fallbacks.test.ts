import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createRecordingContext, type RecordingContext } from '@idsync/connector-testkit';
import type { ConnectorError } from '@idsync/core';
import { filterBuilders, ScimError, type FilterNode } from '@idsync/scim';
import {
  rfcProfile,
  type ScimTarget as SimulatedTarget,
  type ScimTargetOptions,
  type TargetPolicy,
  type TargetProfile,
} from '@idsync/scim-target';
import type { ScimConnector } from '../scim-connector.js';
import { openScimConnector } from '../scim-definition.js';
import { BEARER, sampleUser, startBearerTarget } from '../testing/conformance-setup.js';
import { caught } from '../testing/make-target.js';
import { listBody, ScriptedServer } from '../testing/scripted-server.js';

/* How batched look-ups split, page, and fall back when a target cannot take them combined. */

function countOrClauses(filter: FilterNode): number {
  return filter.kind === 'or' ? countOrClauses(filter.left) + countOrClauses(filter.right) : 1;
}

/** A target that filters, but refuses `or` with 400 invalidFilter (as AWS does). */
const refuseOr: TargetPolicy = {
  name: 'refuse-or',
  description: 'Filters without "or" only.',
  checkFilter(filter) {
    if (countOrClauses(filter) > 1) throw ScimError.invalidFilter('This service does not support "or".');
  },
};

/** A target that answers 400 tooMany beyond ten clauses. */
const atMostTenClauses: TargetPolicy = {
  name: 'at-most-ten-clauses',
  description: 'Filters of at most ten clauses.',
  checkFilter(filter) {
    if (countOrClauses(filter) > 10) throw ScimError.tooMany('The filter has too many clauses.');
  },
};

const withPolicy = (policy: TargetPolicy): TargetProfile => ({
  ...rfcProfile,
  name: `rfc+${policy.name}`,
  policies: [...rfcProfile.policies, policy],
});

let simulator: SimulatedTarget | undefined;
let connector: ScimConnector | undefined;
let context: RecordingContext;

async function start(
  options: ScimTargetOptions,
  settings: Record<string, unknown> = {},
  users = 60,
): Promise<{ simulator: SimulatedTarget; connector: ScimConnector; ids: string[] }> {
  simulator = await startBearerTarget(options);
  const target = simulator;
  const ids = Array.from({ length: users }, (_, index) => {
    const tag = `fallback${String(index).padStart(3, '0')}`;
    return target.store.users.seed(sampleUser(tag)).id as string;
  });
  context = createRecordingContext();
  connector = await openScimConnector(
    { baseUrl: simulator.baseUrl, authMethod: 'oauth-bearer', bearerToken: BEARER, ...settings },
    context,
  );
  simulator.requests.clear();
  return { simulator, connector, ids };
}

afterEach(async () => {
  await connector?.close();
  await simulator?.close();
  connector = undefined;
  simulator = undefined;
});

const filteredReads = (target: SimulatedTarget) =>
  target.requests.matching({ method: 'GET', path: '/Users' }).filter((r) => r.query.filter !== undefined);
const readsById = (target: SimulatedTarget) =>
  target.requests.matching({ method: 'GET', path: '/Users' }).filter((r) => r.query.filter === undefined);

describe('a target that cannot take the combined filter', () => {
  it('400 invalidFilter to "or": each id is fetched alone, and later batches go one by one at once', async () => {
    const { simulator, connector, ids } = await start({ profile: withPolicy(refuseOr) });
    const found = await connector.getMany('User', [...ids, 'missing']);
    expect([...found.keys()].sort()).toEqual([...ids].sort());
    // One combined attempt per chunk at most, each refused, then one GET per id.
    const refused = filteredReads(simulator);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeLessThanOrEqual(2);
    expect(refused.every((request) => request.status === 400)).toBe(true);
    expect(readsById(simulator)).toHaveLength(ids.length + 1);
    expect(context.lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
      'The target refused a combined look-up of Users; looking them up one by one from now on.',
    ]);

    simulator.requests.clear();
    const again = await connector.getMany('User', ids.slice(0, 30));
    expect(again.size).toBe(30);
    expect(filteredReads(simulator)).toHaveLength(0); // remembered: no second attempt
    expect(readsById(simulator)).toHaveLength(30);

    simulator.requests.clear();
    const filters = [
      filterBuilders.eq('userName', 'fallback001@example.test'),
      filterBuilders.eq('userName', 'x'),
    ];
    const matches = await connector.findEach('User', filters);
    expect(matches.map((list) => list.map((object) => object.remoteId))).toEqual([[ids[1]], []]);
    expect(filteredReads(simulator).map((request) => request.query.filter)).toEqual([
      'userName eq "fallback001@example.test"',
      'userName eq "x"',
    ]);
  });

  it('400 tooMany beyond ten clauses: the same fallback', async () => {
    const { simulator, connector } = await start({ profile: withPolicy(atMostTenClauses) });
    const filters = Array.from({ length: 30 }, (_, index) =>
      filterBuilders.eq('userName', `FALLBACK${String(index).padStart(3, '0')}@example.test`),
    );
    const matches = await connector.findEach('User', filters);
    expect(matches.every((list) => list.length === 1)).toBe(true);
    const statuses = filteredReads(simulator).map((request) => request.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(30);
  });

  it('a failure that is not about the filter (503) fails the call and is not remembered', async () => {
    const { simulator, connector, ids } = await start({ profile: 'rfc' });
    const fifty = ids.slice(0, 50); // one chunk, so nothing of the failed call is still in flight
    simulator.setFaults({ failNext: [{ method: 'GET', path: '/Users', count: 1, status: 503 }] });
    const error = await caught(() => connector.getMany('User', fifty));
    expect((error as ConnectorError).code).toBe('unavailable');
    simulator.setFaults({});
    simulator.requests.clear();
    expect((await connector.getMany('User', fifty)).size).toBe(50);
    expect([filteredReads(simulator).length, readsById(simulator).length]).toEqual([1, 0]);
  });
});

describe('splitting and paging', () => {
  it('combines at most lookupsPerRequest clauses', async () => {
    const { simulator, connector, ids } = await start({ profile: 'rfc' }, { lookupsPerRequest: 20 });
    await connector.getMany('User', ids);
    expect(filteredReads(simulator).map((request) => request.query.filter!.split(' or ').length)).toEqual([
      20, 20, 20,
    ]);
  });

  it('lookupsPerRequest 1 sends one request per item', async () => {
    const { simulator, connector, ids } = await start({ profile: 'rfc' }, { lookupsPerRequest: 1 });
    await connector.getMany('User', ids.slice(0, 5));
    expect([filteredReads(simulator).length, readsById(simulator).length]).toEqual([0, 5]);
  });

  it('keeps every URL well under 8 KB, however long the values', async () => {
    const { simulator, connector } = await start({ profile: 'rfc' });
    const filters = Array.from({ length: 50 }, (_, index) =>
      filterBuilders.eq('userName', `${'long-name-'.repeat(20)}${index}@example.test`),
    );
    const matches = await connector.findEach('User', filters);
    expect(matches.every((list) => list.length === 0)).toBe(true);
    const requests = filteredReads(simulator);
    expect(requests.length).toBeGreaterThan(1);
    const clauses = requests.map((request) => request.query.filter!.split(' or ').length);
    expect(clauses.reduce((sum, count) => sum + count, 0)).toBe(50);
    for (const request of requests) {
      const url = `${simulator.baseUrl}${request.relativePath}?${new URLSearchParams(request.query).toString()}`;
      expect(url.length).toBeLessThanOrEqual(6144);
    }
  });

  it('reads every page of a combined answer', async () => {
    const { simulator, connector, ids } = await start({ profile: 'rfc', pageSize: { default: 20, max: 20 } });
    const found = await connector.getMany('User', ids.slice(0, 50));
    expect(found.size).toBe(50);
    expect(filteredReads(simulator).map((request) => request.query.startIndex)).toEqual(['1', '21', '41']);
  });

  it('a filter on an attribute outside the schemas goes alone; the rest are combined', async () => {
    const { simulator, connector, ids } = await start({ profile: 'rfc' });
    const custom = filterBuilders.eq('urn:example:params:scim:schemas:extension:acme:2.0:User:badge', '7');
    const filters = [
      filterBuilders.eq('userName', 'fallback000@example.test'),
      custom,
      filterBuilders.eq('userName', 'fallback002@example.test'),
    ];
    const matches = await connector.findEach('User', filters);
    expect(matches.map((list) => list.map((object) => object.remoteId))).toEqual([[ids[0]], [], [ids[2]]]);
    expect(
      filteredReads(simulator)
        .map((request) => request.query.filter)
        .sort(),
    ).toEqual([
      'urn:example:params:scim:schemas:extension:acme:2.0:User:badge eq "7"',
      'userName eq "fallback000@example.test" or userName eq "fallback002@example.test"',
    ]);
  });

  it('a filter the preset cannot take is refused before any request', async () => {
    const { simulator, connector } = await start({ profile: 'atlassian' }, { preset: 'atlassian' }, 2);
    const error = await caught(() =>
      connector.findEach('User', [filterBuilders.eq('userName', 'a'), filterBuilders.co('userName', 'b')]),
    );
    expect((error as ConnectorError).code).toBe('unsupported');
    expect(simulator.requests.size).toBe(0);
  });
});

describe('a target whose ServiceProviderConfig says it cannot filter', () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await ScriptedServer.start();
  });
  afterAll(() => server.stop());

  const user = (id: number) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: `u${id}`,
    userName: `user${id}`,
  });

  it('getMany fetches each id alone; findEach reads the whole list once for every filter', async () => {
    server.script((request) => {
      if (request.path.endsWith('/ServiceProviderConfig'))
        return { status: 200, body: { filter: { supported: false } } };
      const id = /\/Users\/u(\d+)$/.exec(request.path)?.[1];
      if (id !== undefined)
        return Number(id) <= 5 ? { status: 200, body: user(Number(id)) } : { status: 404 };
      return { status: 200, body: listBody([1, 2, 3, 4, 5].map(user)) };
    });
    const connector = await openScimConnector(
      { baseUrl: `${server.url}/scim/v2`, authMethod: 'none' },
      createRecordingContext(),
    );
    const found = await connector.getMany('User', ['u1', 'u3', 'u9']);
    expect([...found.keys()].sort()).toEqual(['u1', 'u3']);
    expect(server.requests.filter((request) => request.query.has('filter'))).toHaveLength(0);

    const before = server.requests.length;
    const matches = await connector.findEach('User', [
      filterBuilders.eq('userName', 'USER2'),
      filterBuilders.eq('userName', 'user4'),
      filterBuilders.eq('userName', 'user8'),
    ]);
    expect(matches.map((list) => list.map((object) => object.remoteId))).toEqual([['u2'], ['u4'], []]);
    const lists = server.requests.slice(before).filter((request) => request.path.endsWith('/Users'));
    expect(lists).toHaveLength(1);
    expect(lists[0]!.query.has('filter')).toBe(false);
    await connector.close();
  });
});
