import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ENTERPRISE_USER_SCHEMA } from '@idsync/scim';
import { enterpriseUserBody, groupBody, userBody } from '../testing/scim-fixtures.js';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

let server: ScimTestServer;
const ids: Record<string, string> = {};

async function names(filter: string, path = '/Users'): Promise<string[]> {
  const response = await server.v2(`${path}?filter=${encodeURIComponent(filter)}&count=1000`);
  expect(response.status).toBe(200);
  expect(response.body.totalResults).toBe(response.body.Resources.length);
  return response.body.Resources.map(
    (r: { userName?: string; displayName?: string }) => r.userName ?? r.displayName,
  ).sort();
}

beforeAll(async () => {
  server = await startScimTestServer();
  const users = [
    userBody('Ada.Lovelace', {
      title: 'Engineer',
      emails: [
        { value: 'ada@example.com', type: 'work', primary: true },
        { value: 'ada@home.example.org', type: 'home' },
      ],
      externalId: 'EXT-1',
    }),
    userBody('grace.hopper', { title: 'Manager', active: false, externalId: 'ext-2' }),
    enterpriseUserBody('barbara.liskov', 'Research'),
    userBody('edsger', { title: 'engineer', emails: [{ value: 'EDSGER@EXAMPLE.COM', type: 'work' }] }),
  ];
  for (const body of users) {
    const created = await server.v2('/Users', { method: 'POST', body });
    expect(created.status).toBe(201);
    ids[String(body.userName)] = created.body.id;
  }
  await server.v2('/Groups', {
    method: 'POST',
    body: groupBody('Engineers', [ids['Ada.Lovelace']!, ids.edsger!]),
  });
});
afterAll(async () => {
  await server.close();
});

describe('filter operators (RFC 7644 §3.4.2.2)', () => {
  it.each([
    ['userName eq "ada.lovelace"', ['Ada.Lovelace']],
    ['userName ne "ada.lovelace"', ['barbara.liskov', 'edsger', 'grace.hopper']],
    ['userName co "HOP"', ['grace.hopper']],
    ['userName sw "ba"', ['barbara.liskov']],
    ['userName ew "er"', ['edsger', 'grace.hopper']],
    ['title pr', ['Ada.Lovelace', 'edsger', 'grace.hopper']],
    ['userName gt "edsger"', ['grace.hopper']],
    ['userName ge "edsger"', ['edsger', 'grace.hopper']],
    ['userName lt "b"', ['Ada.Lovelace']],
    ['userName le "barbara.liskov"', ['Ada.Lovelace', 'barbara.liskov']],
  ])('%s', async (filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });
});

describe('logical operators, grouping and complex filters', () => {
  it.each([
    ['title eq "engineer" and active eq true', ['Ada.Lovelace', 'edsger']],
    ['title eq "Manager" or userName sw "bar"', ['barbara.liskov', 'grace.hopper']],
    ['not (title pr)', ['barbara.liskov']],
    ['(title eq "Manager" or title eq "Engineer") and not (active eq false)', ['Ada.Lovelace', 'edsger']],
    [
      'emails[type eq "work" and value co "@example.com"]',
      ['Ada.Lovelace', 'barbara.liskov', 'edsger', 'grace.hopper'],
    ],
    ['emails[type eq "home"]', ['Ada.Lovelace']],
    ['emails.value co "home.example"', ['Ada.Lovelace']],
    ['externalId eq "ext-1"', []],
    ['externalId eq "EXT-1"', ['Ada.Lovelace']],
  ])('%s', async (filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });

  it('takes operators, attribute names and URN-qualified names in any case', async () => {
    expect(await names('USERNAME EQ "GRACE.HOPPER"')).toEqual(['grace.hopper']);
    expect(await names('urn:ietf:params:scim:schemas:core:2.0:User:userName Sw "GRACE"')).toEqual([
      'grace.hopper',
    ]);
    expect(await names(`${ENTERPRISE_USER_SCHEMA}:department eq "research"`)).toEqual(['barbara.liskov']);
    expect(await names('name.familyName eq "edsger"')).toEqual(['edsger']);
  });

  it('compares dateTimes as instants and booleans as booleans', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(await names(`meta.lastModified lt "${future}"`)).toHaveLength(4);
    expect(await names(`meta.created gt "${future}"`)).toEqual([]);
    expect(await names('active eq false')).toEqual(['grace.hopper']);
  });

  it('matches nothing for an unknown attribute, rather than failing', async () => {
    expect(await names('shoeSize eq "42"')).toEqual([]);
    expect(await names('not (shoeSize eq "42")')).toHaveLength(4);
  });

  it('filters groups by displayName and by member value', async () => {
    expect(await names('displayName eq "engineers"', '/Groups')).toEqual(['Engineers']);
    expect(await names(`members[value eq "${ids.edsger}"]`, '/Groups')).toEqual(['Engineers']);
    expect(await names(`members.value eq "${ids['grace.hopper']}"`, '/Groups')).toEqual([]);
  });
});

describe('invalid filters', () => {
  it.each([
    'userName eq',
    'userName xx "a"',
    '(userName eq "a"',
    'emails[type eq "work"',
    'userName eq "a" and',
    '"a" eq userName',
  ])('%s → 400 invalidFilter, never 500', async (filter) => {
    const response = await server.v2(`/Users?filter=${encodeURIComponent(filter)}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    expect(response.body.detail).toMatch(/position \d+/);
  });

  it('accepts a bare (unquoted) comparison value as Entra ID sometimes sends it', async () => {
    expect(await names('externalId eq EXT-1')).toEqual(['Ada.Lovelace']);
    expect(await names('userName eq grace.hopper and active eq false')).toEqual(['grace.hopper']);
  });
});
