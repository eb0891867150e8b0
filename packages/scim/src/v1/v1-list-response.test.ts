import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import { GROUP_SCHEMA, LIST_RESPONSE_URN, SCIM_V1_CORE_SCHEMA, USER_SCHEMA } from '../schema/urns.js';
import { resourceToV1 } from './resource-to-v1.js';
import { sampleGroup, sampleUser } from './test-fixtures/v1-resources.js';
import { listResponseFromV1, listResponseToV1 } from './v1-list-response.js';

describe('listResponseFromV1', () => {
  it('converts a complete 1.1 page and every resource in it', () => {
    const body = {
      schemas: [SCIM_V1_CORE_SCHEMA],
      totalResults: 12,
      itemsPerPage: 1,
      startIndex: 3,
      Resources: [resourceToV1(sampleUser())],
    };
    expect(listResponseFromV1(body, 'User')).toEqual({
      schemas: [LIST_RESPONSE_URN],
      totalResults: 12,
      itemsPerPage: 1,
      startIndex: 3,
      Resources: [sampleUser()],
    });
  });

  it('fills in what 1.1 services leave out from the page itself', () => {
    const body = { Resources: [{ displayName: 'A' }, { displayName: 'B' }] };
    const list = listResponseFromV1(body, 'Group');
    expect(list.totalResults).toBe(2);
    expect(list.itemsPerPage).toBe(2);
    expect(list.startIndex).toBe(1);
    expect(list.Resources.map((group) => group.schemas)).toEqual([[GROUP_SCHEMA], [GROUP_SCHEMA]]);
  });

  it('reads an empty answer as an empty page', () => {
    expect(listResponseFromV1({ totalResults: 0 }, 'User')).toEqual({
      schemas: [LIST_RESPONSE_URN],
      totalResults: 0,
      itemsPerPage: 0,
      startIndex: 1,
      Resources: [],
    });
  });

  it('accepts numeric strings, a lower-case "resources" key, and clamps startIndex to 1', () => {
    const list = listResponseFromV1(
      {
        totalResults: '40',
        itemsPerPage: '1',
        startIndex: '0',
        resources: [{ userName: 'a', active: 'true' }],
      },
      'User',
    );
    expect(list).toMatchObject({ totalResults: 40, itemsPerPage: 1, startIndex: 1 });
    expect(list.Resources).toEqual([{ schemas: [USER_SCHEMA], userName: 'a', active: true }]);
  });

  it('refuses counts and Resources it cannot read', () => {
    expect(() => listResponseFromV1({ totalResults: 'many' }, 'User')).toThrow(ScimError);
    expect(() => listResponseFromV1({ totalResults: -1 }, 'User')).toThrow(/non-negative integer/);
    expect(() => listResponseFromV1({ Resources: { userName: 'a' } }, 'User')).toThrow(/must be an array/);
    expect(() => listResponseFromV1('[]', 'User')).toThrow(ScimError);
  });
});

describe('listResponseToV1', () => {
  it('writes the 1.1 list form with the core URN and 1.1 resources', () => {
    const v1 = listResponseToV1({
      totalResults: 7,
      startIndex: 5,
      itemsPerPage: 1,
      Resources: [sampleGroup()],
    });
    expect(v1).toEqual({
      schemas: [SCIM_V1_CORE_SCHEMA],
      totalResults: 7,
      itemsPerPage: 1,
      startIndex: 5,
      Resources: [resourceToV1(sampleGroup())],
    });
  });

  it('defaults itemsPerPage to the page size and startIndex to 1, keeping totalResults as the full count', () => {
    const v1 = listResponseToV1({ totalResults: 100, Resources: [sampleUser(), sampleUser()] });
    expect(v1.itemsPerPage).toBe(2);
    expect(v1.startIndex).toBe(1);
    expect(v1.totalResults).toBe(100);
  });

  it('round-trips with listResponseFromV1', () => {
    const list = {
      schemas: [LIST_RESPONSE_URN] as [typeof LIST_RESPONSE_URN],
      totalResults: 9,
      itemsPerPage: 1,
      startIndex: 4,
      Resources: [sampleUser()],
    };
    expect(listResponseFromV1(listResponseToV1(list), 'User')).toEqual(list);
  });
});
