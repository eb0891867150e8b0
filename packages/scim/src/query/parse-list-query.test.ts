import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import { SEARCH_REQUEST_URN } from '../schema/urns.js';
import { DEFAULT_LIST_LIMITS, parseListQuery } from './parse-list-query.js';

const limits = { defaultCount: 25, maxCount: 100 };

function scimError(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('parseListQuery: query parameters', () => {
  it('reads every parameter of RFC 7644 §3.4.2', () => {
    const query = parseListQuery(
      {
        filter: 'userName sw "b"',
        sortBy: 'name.familyName',
        sortOrder: 'descending',
        startIndex: '11',
        count: '10',
        attributes: 'userName, name.givenName,emails',
      },
      limits,
    );
    expect(query).toEqual({
      filter: 'userName sw "b"',
      sortBy: 'name.familyName',
      sortOrder: 'descending',
      startIndex: 11,
      count: 10,
      attributes: ['userName', 'name.givenName', 'emails'],
    });
  });

  it('applies the paging defaults and limits', () => {
    expect(parseListQuery({}, limits)).toEqual({ startIndex: 1, count: 25 });
    expect(parseListQuery({ startIndex: '0', count: '-5' }, limits)).toMatchObject({
      startIndex: 1,
      count: 0,
    });
    expect(parseListQuery({ count: '1000' }, limits).count).toBe(100);
    expect(parseListQuery({}).count).toBe(DEFAULT_LIST_LIMITS.defaultCount);
  });

  it('defaults sortOrder to ascending when sortBy is given', () => {
    expect(parseListQuery({ sortBy: 'userName' }, limits).sortOrder).toBe('ascending');
    expect(parseListQuery({}, limits)).not.toHaveProperty('sortOrder');
  });

  it('accepts URLSearchParams, repeated attributes and parameter names in any case', () => {
    const params = new URLSearchParams(
      'STARTINDEX=3&Count=4&attributes=userName&attributes=emails.value&SortOrder=Ascending&sortby=userName',
    );
    expect(parseListQuery(params, limits)).toEqual({
      sortBy: 'userName',
      sortOrder: 'ascending',
      startIndex: 3,
      count: 4,
      attributes: ['userName', 'emails.value'],
    });
  });

  it('accepts URN-qualified attribute names', () => {
    const urn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    expect(
      parseListQuery({ excludedAttributes: `${urn}:manager,${urn}` }, limits).excludedAttributes,
    ).toEqual([`${urn}:manager`, urn]);
  });

  it('treats empty parameters as absent', () => {
    expect(parseListQuery({ filter: '', sortBy: ' ', attributes: ' , ', count: '' }, limits)).toEqual({
      startIndex: 1,
      count: 25,
    });
  });

  it('accepts a repeated parameter with one value, and keeps the filter text as it is', () => {
    expect(parseListQuery({ count: ['5', '5'], filter: ' title pr ' }, limits)).toMatchObject({
      count: 5,
      filter: ' title pr ',
    });
  });

  it.each([
    [{ count: 'abc' }, 'count', 'integer'],
    [{ count: '10.5' }, 'count', 'integer'],
    [{ startIndex: '1e3' }, 'startIndex', 'integer'],
    [{ sortOrder: 'up' }, 'sortOrder', '"ascending" or "descending"'],
    [{ sortBy: 'name..givenName' }, 'sortBy', 'not an attribute name'],
    [{ attributes: 'userName,first name' }, 'attributes', '"first name"'],
    [{ count: ['5', '6'] }, 'count', 'given 2 times'],
  ])('rejects %j naming %s', (params, parameter, detail) => {
    const error = scimError(() => parseListQuery(params, limits));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toContain(`"${parameter}"`);
    expect(error.detail).toContain(detail);
  });

  it('rejects attributes and excludedAttributes together', () => {
    const error = scimError(() =>
      parseListQuery({ attributes: 'userName', excludedAttributes: 'emails' }, limits),
    );
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toMatch(/"attributes" and "excludedAttributes"/);
  });
});

describe('parseListQuery: SearchRequest body (RFC 7644 §3.4.3)', () => {
  it('reads the §3.4.3 example', () => {
    const query = parseListQuery(
      {
        schemas: [SEARCH_REQUEST_URN],
        attributes: ['displayName', 'userName'],
        filter: 'displayName sw "smith"',
        startIndex: 1,
        count: 10,
      },
      limits,
    );
    expect(query).toEqual({
      filter: 'displayName sw "smith"',
      startIndex: 1,
      count: 10,
      attributes: ['displayName', 'userName'],
    });
  });

  it('accepts a body without schemas, and numbers sent as strings', () => {
    expect(parseListQuery({ startIndex: '2', count: 3 } as never, limits)).toEqual({
      startIndex: 2,
      count: 3,
    });
  });

  it('rejects a body whose schemas lack the SearchRequest URN', () => {
    const error = scimError(() =>
      parseListQuery({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] }, limits),
    );
    expect(error.detail).toContain('"schemas"');
    expect(error.detail).toContain(SEARCH_REQUEST_URN);
  });

  it.each([
    [{ schemas: [SEARCH_REQUEST_URN], count: true }, 'count'],
    [{ schemas: [SEARCH_REQUEST_URN], filter: 42 }, 'filter'],
    [{ schemas: [SEARCH_REQUEST_URN], attributes: [1] }, 'attributes'],
    [{ schemas: [SEARCH_REQUEST_URN], startIndex: 1.5 }, 'startIndex'],
  ])('rejects wrong JSON types: %j', (body, parameter) => {
    expect(scimError(() => parseListQuery(body as never, limits)).detail).toContain(`"${parameter}"`);
  });

  it('rejects a body that is not an object', () => {
    expect(scimError(() => parseListQuery([] as never, limits)).scimType).toBe('invalidSyntax');
  });
});
