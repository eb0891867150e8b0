import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LIST_RESPONSE_URN, SEARCH_REQUEST_URN } from '@idsync/scim';
import { startScimTarget, type ScimTarget } from '../start-scim-target.js';
import { userBody } from '../test-support/fixtures.js';
import { scimClient, type ScimClient } from '../test-support/scim-http.js';

const userNames = (body: { Resources: { userName: string }[] }) =>
  body.Resources.map((user) => user.userName);
const query = (parameters: Record<string, string>) => `?${new URLSearchParams(parameters).toString()}`;

describe('rfc profile: list queries over HTTP', () => {
  let target: ScimTarget;
  let client: ScimClient;

  beforeAll(async () => {
    target = await startScimTarget({ profile: 'rfc', pageSize: { default: 10, max: 20 } });
    client = scimClient(target);
    for (let index = 1; index <= 25; index++) {
      const name = `user${String(index).padStart(2, '0')}`;
      const extra =
        index % 5 === 0
          ? { title: 'Manager', emails: [{ value: `${name}@corp.example.com`, type: 'work' }] }
          : {};
      await client.post('/Users', userBody(name, extra));
    }
  });
  afterAll(() => target.close());

  it('pages by 1-based startIndex with totalResults counting every match', async () => {
    const page = await client.get(`/Users${query({ startIndex: '11', count: '10' })}`);
    expect(page.body).toMatchObject({
      schemas: [LIST_RESPONSE_URN],
      totalResults: 25,
      startIndex: 11,
      itemsPerPage: 10,
    });
    expect(userNames(page.body)).toEqual(Array.from({ length: 10 }, (_, i) => `user${11 + i}`));
    const last = await client.get(`/Users${query({ startIndex: '21', count: '10' })}`);
    expect(last.body.itemsPerPage).toBe(5);
    const beyond = await client.get(`/Users${query({ startIndex: '40' })}`);
    expect(beyond.body).toMatchObject({ totalResults: 25, itemsPerPage: 0, Resources: [] });
  });

  it('uses the default page size, caps count at the maximum, and answers count=0 with totalResults only', async () => {
    expect((await client.get('/Users')).body.itemsPerPage).toBe(10);
    expect((await client.get(`/Users${query({ count: '500' })}`)).body.itemsPerPage).toBe(20);
    const countOnly = await client.get(`/Users${query({ count: '0' })}`);
    expect(countOnly.body).toMatchObject({ totalResults: 25, itemsPerPage: 0 });
  });

  it('evaluates the full filter grammar: value paths, not, case-insensitive userName', async () => {
    const complex = await client.get(
      `/Users${query({ filter: 'emails[type eq "work" and value co "@corp.example.com"]' })}`,
    );
    expect(userNames(complex.body)).toEqual(['user05', 'user10', 'user15', 'user20', 'user25']);
    const negated = await client.get(
      `/Users${query({ filter: 'not (title eq "Manager") and userName sw "user0"', count: '20' })}`,
    );
    expect(userNames(negated.body)).toEqual([
      'user01',
      'user02',
      'user03',
      'user04',
      'user06',
      'user07',
      'user08',
      'user09',
    ]);
    const anyCase = await client.get(`/Users${query({ filter: 'USERNAME eq "USER07"' })}`);
    expect(userNames(anyCase.body)).toEqual(['user07']);
  });

  it('answers an unparsable filter with 400 invalidFilter', async () => {
    const answer = await client.get(`/Users${query({ filter: 'userName eq' })}`);
    expect(answer.status).toBe(400);
    expect(answer.body.scimType).toBe('invalidFilter');
  });

  it('sorts by sortBy and sortOrder before paging', async () => {
    const sorted = await client.get(
      `/Users${query({ sortBy: 'userName', sortOrder: 'descending', count: '3' })}`,
    );
    expect(userNames(sorted.body)).toEqual(['user25', 'user24', 'user23']);
  });

  it('returns only the attributes asked for, and leaves out excluded ones', async () => {
    const only = await client.get(`/Users${query({ attributes: 'userName', count: '1' })}`);
    expect(Object.keys(only.body.Resources[0]).sort()).toEqual(['id', 'schemas', 'userName']);
    const without = await client.get(`/Users${query({ excludedAttributes: 'emails,name', count: '1' })}`);
    expect(without.body.Resources[0].emails).toBeUndefined();
    expect(without.body.Resources[0].name).toBeUndefined();
    expect(without.body.Resources[0].userName).toBe('user01');
  });

  it('serves POST /Users/.search with a SearchRequest body', async () => {
    const answer = await client.post('/Users/.search', {
      schemas: [SEARCH_REQUEST_URN],
      filter: 'title eq "Manager"',
      startIndex: 2,
      count: 2,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.totalResults).toBe(5);
    expect(userNames(answer.body)).toEqual(['user10', 'user15']);
  });
});
