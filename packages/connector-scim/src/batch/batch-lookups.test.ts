import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createRecordingContext } from '@idsync/connector-testkit';
import type { RemoteObject } from '@idsync/core';
import { filterBuilders, type FilterNode } from '@idsync/scim';
import type { ScimTarget as SimulatedTarget, ScimTargetOptions } from '@idsync/scim-target';
import type { ScimConnector } from '../scim-connector.js';
import { openScimConnector } from '../scim-definition.js';
import { BEARER, sampleUser, startBearerTarget } from '../testing/conformance-setup.js';

/*
 * getMany and findEach against the simulator over loopback, in every profile: the answers
 * must be those of one `get` / `find` per item, in the fewest requests the target allows —
 * counted from the simulator's own request log.
 */

const USERS = 120;

interface Profile {
  readonly name: string;
  readonly simulator: ScimTargetOptions;
  readonly settings: Record<string, unknown>;
  /** Whether the target takes `… or …`, so look-ups are combined 50 to a request. */
  readonly combines: boolean;
}

const PROFILES: readonly Profile[] = [
  { name: 'rfc, SCIM 2.0', simulator: { profile: 'rfc' }, settings: {}, combines: true },
  {
    name: 'rfc, SCIM 1.1',
    simulator: { profile: 'rfc', version: '1.1' },
    settings: { scimVersion: '1.1' },
    combines: true,
  },
  {
    name: 'aws-identity-center',
    simulator: { profile: 'aws-identity-center' },
    settings: { preset: 'aws-identity-center' },
    combines: false,
  },
  {
    name: 'atlassian',
    simulator: { profile: 'atlassian' },
    settings: { preset: 'atlassian' },
    combines: false,
  },
];

/** Seeds `count` users straight into the simulator's store; returns their ids in order. */
function seedUsers(simulator: SimulatedTarget, count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const tag = `batch${String(index).padStart(3, '0')}`;
    return simulator.store.users.seed({ ...sampleUser(tag), externalId: `EXT-${tag}` }).id as string;
  });
}

/** GETs of the user endpoint since the log was cleared: with a filter, and by id. */
function userReads(simulator: SimulatedTarget) {
  const gets = simulator.requests.matching({ method: 'GET', path: '/Users' });
  return {
    filtered: gets.filter((request) => request.query.filter !== undefined),
    byId: gets.filter((request) => /^\/Users\/[^/]+$/i.test(request.relativePath)),
  };
}

const idsOf = (objects: readonly RemoteObject[]) => objects.map((object) => object.remoteId).sort();

describe.each(PROFILES)('batched look-ups: $name', (profile) => {
  let simulator: SimulatedTarget;
  let connector: ScimConnector;
  let ids: string[];

  beforeAll(async () => {
    simulator = await startBearerTarget(profile.simulator);
    ids = seedUsers(simulator, USERS);
    connector = await openScimConnector(
      { baseUrl: simulator.baseUrl, authMethod: 'oauth-bearer', bearerToken: BEARER, ...profile.settings },
      createRecordingContext(),
    );
  });
  beforeEach(() => simulator.requests.clear());
  afterAll(async () => {
    await connector.close();
    await simulator.close();
  });

  it('getMany answers what get answers for each id, and leaves out the ids that do not exist', async () => {
    const asked = [...ids, 'missing-1', 'missing-2'];
    const found = await connector.getMany('User', asked);
    expect([...found.keys()].sort()).toEqual([...ids].sort());
    for (const id of ['missing-1', 'missing-2']) expect(found.has(id)).toBe(false);
    const one = await connector.get('User', ids[7]!);
    expect(found.get(ids[7]!)).toEqual(one);
  });

  it(`getMany of ${USERS} ids takes ${profile.combines ? '3 filtered requests' : 'one GET per id'}`, async () => {
    await connector.getMany('User', ids);
    const reads = userReads(simulator);
    if (profile.combines) {
      expect([reads.filtered.length, reads.byId.length]).toEqual([3, 0]);
      expect(reads.filtered.map((request) => request.query.filter!.split(' or ').length)).toEqual([
        50, 50, 20,
      ]);
    } else {
      expect([reads.filtered.length, reads.byId.length]).toEqual([0, USERS]);
    }
    expect(simulator.requests.all().every((request) => request.status === 200)).toBe(true);
  });

  it('findEach answers what find answers for each filter, userName compared without case', async () => {
    const filters: FilterNode[] = [
      ...Array.from({ length: 60 }, (_, index) =>
        filterBuilders.eq('userName', `BATCH${String(index).padStart(3, '0')}@EXAMPLE.TEST`),
      ),
      filterBuilders.eq('userName', 'nobody@example.test'),
      filterBuilders.eq('externalId', 'EXT-batch061'),
      // externalId is caseExact: the target finds nothing for it, and neither may the connector.
      filterBuilders.eq('externalId', 'ext-batch062'),
      // Where the target has no `or` (AWS, Atlassian), one request per alternative.
      filterBuilders.or(
        filterBuilders.eq('userName', 'batch070@example.test'),
        filterBuilders.eq('userName', 'batch071@example.test'),
      ),
    ];
    const batched = await connector.findEach('User', filters);
    const batchedRequests = userReads(simulator).filtered.length;
    const oneByOne = await Promise.all(filters.map((filter) => connector.find('User', filter)));
    expect(batched.map(idsOf)).toEqual(oneByOne.map(idsOf));
    expect(batched.map((matches) => matches.length)).toEqual([
      ...Array.from({ length: 60 }, () => 1),
      0,
      1,
      0,
      2,
    ]);
    expect(batched[0]![0]).toEqual(oneByOne[0]![0]);
    expect(batchedRequests).toBe(profile.combines ? 2 : filters.length + 1);
  });

  it('findEach and getMany of nothing send nothing', async () => {
    expect(await connector.findEach('User', [])).toEqual([]);
    expect((await connector.getMany('User', [])).size).toBe(0);
    expect(userReads(simulator).filtered.length + userReads(simulator).byId.length).toBe(0);
  });
});
