import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startScimTarget, type ScimTarget } from '../start-scim-target.js';
import { userBody } from '../test-support/fixtures.js';
import { scimClient, type ScimClient } from '../test-support/scim-http.js';

/*
 * What a client that batches look-ups relies on (RFC 7644 §3.4.2.2): `or` joins any number of
 * comparisons, each compared the way the attribute's schema says — `id` exactly (caseExact),
 * `userName` without case — and the combined result pages like any other list.
 */

const query = (parameters: Record<string, string>) => `?${new URLSearchParams(parameters).toString()}`;
const anyOf = (attribute: string, values: readonly string[]) =>
  values.map((value) => `${attribute} eq ${JSON.stringify(value)}`).join(' or ');
const ids = (body: { Resources: { id: string }[] }) => body.Resources.map((resource) => resource.id);
const userNames = (body: { Resources: { userName: string }[] }) =>
  body.Resources.map((resource) => resource.userName);

describe.each(['2.0', '1.1'] as const)('rfc profile, SCIM %s: or filters', (version) => {
  let target: ScimTarget;
  let client: ScimClient;
  const created: { id: string; userName: string }[] = [];

  beforeAll(async () => {
    target = await startScimTarget({ profile: 'rfc', version, pageSize: { default: 100, max: 100 } });
    client = scimClient(target);
    for (let index = 1; index <= 70; index++) {
      const userName = `Batch.User${String(index).padStart(2, '0')}`;
      const answer = await client.post('/Users', userBody(userName));
      expect(answer.status).toBe(201);
      created.push({ id: answer.body.id as string, userName });
    }
  });
  afterAll(() => target.close());

  it('answers id eq … or id eq … with exactly the ids that exist', async () => {
    const wanted = created.slice(0, 50).map((user) => user.id);
    const filter = anyOf('id', [...wanted, 'no-such-id-1', 'no-such-id-2']);
    const answer = await client.get(`/Users${query({ filter })}`);
    expect(answer.status).toBe(200);
    expect(answer.body.totalResults).toBe(50);
    expect(ids(answer.body).sort()).toEqual([...wanted].sort());
  });

  it('compares id exactly: the same id in upper case matches nothing', async () => {
    const [first] = created;
    const filter = anyOf('id', [first!.id.toUpperCase(), 'no-such-id']);
    const answer = await client.get(`/Users${query({ filter })}`);
    expect(answer.status).toBe(200);
    expect(answer.body.totalResults).toBe(0);
  });

  it('compares userName without case in every clause', async () => {
    const filter = anyOf('userName', ['batch.user03', 'BATCH.USER04', 'Batch.User05', 'nobody']);
    const answer = await client.get(`/Users${query({ filter })}`);
    expect(userNames(answer.body).sort()).toEqual(['Batch.User03', 'Batch.User04', 'Batch.User05']);
  });

  it('pages a combined result by startIndex, with totalResults of the whole match', async () => {
    const wanted = created.slice(0, 30).map((user) => user.id);
    const filter = anyOf('id', wanted);
    const first = await client.get(`/Users${query({ filter, startIndex: '1', count: '20' })}`);
    const second = await client.get(`/Users${query({ filter, startIndex: '21', count: '20' })}`);
    expect([first.body.totalResults, second.body.totalResults]).toEqual([30, 30]);
    expect([ids(first.body).length, ids(second.body).length]).toEqual([20, 10]);
    expect([...ids(first.body), ...ids(second.body)].sort()).toEqual([...wanted].sort());
  });

  it('takes a combined filter of about 6 KB in the URL', async () => {
    const wanted = created.map((user) => user.userName);
    const filter = anyOf('userName', [...wanted, ...wanted.map((name) => `${name}.missing`)]);
    expect(encodeURIComponent(filter).length).toBeGreaterThan(6000);
    const answer = await client.get(`/Users${query({ filter })}`);
    expect(answer.status).toBe(200);
    expect(answer.body.totalResults).toBe(70);
  });

  it('mixes attributes in one or filter', async () => {
    const filter = `id eq "${created[9]!.id}" or userName eq "batch.user11"`;
    const answer = await client.get(`/Users${query({ filter })}`);
    expect(userNames(answer.body).sort()).toEqual(['Batch.User10', 'Batch.User11']);
  });
});
