import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SCIM_V2_ERROR_URN } from '@idsync/scim';
import { startScimTarget, type ScimTarget } from '../start-scim-target.js';
import { membersOf } from '../store/target-store.js';
import { groupBody, patchBody, userBody } from '../test-support/fixtures.js';
import { scimClient, send, type HttpReply, type ScimClient } from '../test-support/scim-http.js';

/** The AWS error answer: SCIM error schema, status as text, request id and time stamp, no scimType; the exception name in a header. */
function expectAwsError(answer: HttpReply, status: number, exception: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('x-amzn-errortype')).toBe(exception);
  expect(answer.body).toEqual({
    schemas: [SCIM_V2_ERROR_URN],
    status: String(status),
    detail: expect.any(String),
    exceptionRequestId: answer.headers.get('x-amzn-requestid'),
    timeStamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  });
}

const filterQuery = (filter: string) => `?filter=${encodeURIComponent(filter)}`;

describe('aws-identity-center profile: users', () => {
  let target: ScimTarget;
  let client: ScimClient;

  beforeEach(async () => {
    target = await startScimTarget({ profile: 'aws-identity-center' });
    client = scimClient(target);
  });
  afterEach(() => target.close());

  it('refuses a user without displayName or name parts with a ValidationException', async () => {
    const answer = await client.post('/Users', {
      schemas: userBody('x').schemas,
      userName: 'x',
      displayName: 'X',
    });
    expectAwsError(answer, 400, 'ValidationException');
    expect(answer.body.detail).toContain(
      'Request is unparsable, syntactically incorrect, or violates schema.',
    );
    expect(answer.body.detail).toContain('name.givenName');
    expect(target.store.users.size).toBe(0);
  });

  it('refuses a second email, and attributes AWS does not support', async () => {
    const twoEmails = userBody('x', { emails: [{ value: 'a@example.com' }, { value: 'b@example.com' }] });
    expectAwsError(await client.post('/Users', twoEmails), 400, 'ValidationException');
    const withPhoto = userBody('y', { photos: [{ value: 'https://example.com/p.png' }] });
    expectAwsError(await client.post('/Users', withPhoto), 400, 'ValidationException');
  });

  it('answers a duplicate userName with a ConflictException', async () => {
    await client.post('/Users', userBody('bjensen'));
    expectAwsError(await client.post('/Users', userBody('BJENSEN')), 409, 'ConflictException');
  });

  it('filters users only with eq on the documented attributes', async () => {
    const { body: user } = await client.post('/Users', userBody('bjensen', { externalId: 'ext-1' }));
    expect((await client.get(`/Users${filterQuery('userName eq "bjensen"')}`)).body.Resources).toHaveLength(
      1,
    );
    expect((await client.get(`/Users${filterQuery('externalId eq "ext-1"')}`)).body.totalResults).toBe(1);
    expect((await client.get(`/Users${filterQuery(`id eq "${user.id}"`)}`)).body.totalResults).toBe(1);
    for (const refused of [
      'userName co "b"',
      'userName eq "a" or userName eq "b"',
      'displayName eq "x"',
      'userName eq "a" and externalId eq "b"',
      'emails[type eq "work"]',
      'userName pr',
    ]) {
      expectAwsError(await client.get(`/Users${filterQuery(refused)}`), 400, 'ValidationException');
    }
  });

  it('answers PatchUser with 200 and the user, but refuses removing userName or active', async () => {
    const { body: user } = await client.post('/Users', userBody('bjensen'));
    const patched = await client.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'replace', path: 'active', value: false }),
    );
    expect(patched.status).toBe(200);
    expect(patched.body.active).toBe(false);
    expectAwsError(
      await client.patch(`/Users/${user.id}`, patchBody({ op: 'remove', path: 'active' })),
      400,
      'ValidationException',
    );
    expectAwsError(
      await client.patch(`/Users/${user.id}`, patchBody({ op: 'remove', path: 'userName' })),
      400,
      'ValidationException',
    );
    expectAwsError(
      await client.patch(`/Users/${user.id}`, patchBody({ op: 'remove' })),
      400,
      'ValidationException',
    );
  });

  it('refuses count outside 1–100 and ignores startIndex (every page without a cursor starts at the first user)', async () => {
    for (let index = 0; index < 5; index++) await client.post('/Users', userBody(`user${index}`));
    expectAwsError(await client.get('/Users?count=101'), 400, 'ValidationException');
    expectAwsError(await client.get('/Users?count=0'), 400, 'ValidationException');
    const page = await client.get('/Users?startIndex=3&count=2');
    expect(page.body).toMatchObject({ totalResults: 5, startIndex: 1, itemsPerPage: 2 });
    expect(page.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(['user0', 'user1']);
  });

  it('pages with a cursor: no totalResults, nextCursor until the last page', async () => {
    for (let index = 0; index < 5; index++) await client.post('/Users', userBody(`user${index}`));
    const seen: string[] = [];
    let cursor = '';
    for (let round = 0; round < 5; round++) {
      const page = await client.get(`/Users?count=2&cursor=${encodeURIComponent(cursor)}`);
      expect(page.status).toBe(200);
      expect(page.body.totalResults).toBeUndefined();
      seen.push(...page.body.Resources.map((u: { userName: string }) => u.userName));
      if (!page.body.nextCursor) break;
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual(['user0', 'user1', 'user2', 'user3', 'user4']);
    expectAwsError(await client.get('/Users?cursor=not-a-cursor'), 400, 'ValidationException');
  });

  it('ignores sortBy and attributes', async () => {
    await client.post('/Users', userBody('b'));
    await client.post('/Users', userBody('a'));
    const answer = await client.get('/Users?sortBy=userName&attributes=userName');
    expect(answer.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(['b', 'a']);
    expect(answer.body.Resources[0].displayName).toBe('b display');
  });

  it('has no /Bulk, /Me or /.search: 404 like any unknown path', async () => {
    expectAwsError(await client.post('/Bulk', {}), 404, 'ResourceNotFoundException');
    expectAwsError(await client.get('/Me'), 404, 'ResourceNotFoundException');
    expectAwsError(await client.post('/.search', {}), 404, 'ResourceNotFoundException');
    expectAwsError(await client.post('/Users/.search', {}), 404, 'ResourceNotFoundException');
  });

  it('advertises what it does in its ServiceProviderConfig', async () => {
    const config = (await client.get('/ServiceProviderConfig')).body;
    expect(config).toMatchObject({
      patch: { supported: true },
      sort: { supported: false },
      filter: { supported: true, maxResults: 100 },
    });
  });

  it('cannot be started for SCIM 1.1', async () => {
    await expect(startScimTarget({ profile: 'aws-identity-center', version: '1.1' })).rejects.toThrow(
      /2\.0 only/,
    );
  });
});

describe('aws-identity-center profile: groups', () => {
  let target: ScimTarget;
  let client: ScimClient;
  let userIds: string[];

  beforeEach(async () => {
    target = await startScimTarget({ profile: 'aws-identity-center' });
    client = scimClient(target);
    userIds = Array.from(
      { length: 101 },
      (_, index) => target.store.users.seed(userBody(`user${index}`)).id!,
    );
  });
  afterEach(() => target.close());

  it('returns empty members on GetGroup and ListGroups while the members are stored', async () => {
    const { body: group } = await client.post('/Groups', groupBody('Engineering', userIds.slice(0, 2)));
    expect((await client.get(`/Groups/${group.id}`)).body.members).toEqual([]);
    expect((await client.get('/Groups')).body.Resources[0].members).toEqual([]);
    expect(membersOf(target.store.groups.get(group.id)!)).toHaveLength(2);
  });

  it('shows membership only through a members filter, and answers 404 for an unknown member', async () => {
    const { body: engineering } = await client.post('/Groups', groupBody('Engineering', [userIds[0]!]));
    await client.post('/Groups', groupBody('Sales', [userIds[1]!]));
    const member = await client.get(
      `/Groups${filterQuery(`id eq "${engineering.id}" and members eq "${userIds[0]}"`)}`,
    );
    expect(member.body.Resources.map((g: { id: string }) => g.id)).toEqual([engineering.id]);
    const notMember = await client.get(
      `/Groups${filterQuery(`id eq "${engineering.id}" and members eq "${userIds[1]}"`)}`,
    );
    expect(notMember.body.totalResults).toBe(0);
    const groupsOfUser = await client.get(`/Groups${filterQuery(`members.value eq "${userIds[1]}"`)}`);
    expect(groupsOfUser.body.Resources.map((g: { displayName: string }) => g.displayName)).toEqual(['Sales']);
    expectAwsError(
      await client.get(`/Groups${filterQuery('members eq "nobody"')}`),
      404,
      'ResourceNotFoundException',
    );
    expectAwsError(
      await client.get(`/Groups${filterQuery('displayName co "Eng"')}`),
      400,
      'ValidationException',
    );
  });

  it('refuses 101 membership changes in one PATCH but takes 100, answering 204', async () => {
    const { body: group } = await client.post('/Groups', groupBody('Everyone'));
    const add = (ids: string[]) =>
      patchBody({ op: 'add', path: 'members', value: ids.map((value) => ({ value })) });
    expectAwsError(await client.patch(`/Groups/${group.id}`, add(userIds)), 400, 'ValidationException');
    expect(membersOf(target.store.groups.get(group.id)!)).toHaveLength(0);
    const accepted = await client.patch(`/Groups/${group.id}`, add(userIds.slice(0, 100)));
    expect(accepted.status).toBe(204);
    expect(accepted.text).toBe('');
    expect(membersOf(target.store.groups.get(group.id)!)).toHaveLength(100);
  });

  it('counts changes across operations: 60 adds and 41 removes are too many', async () => {
    const { body: group } = await client.post('/Groups', groupBody('Everyone', userIds.slice(60, 100)));
    const answer = await client.patch(
      `/Groups/${group.id}`,
      patchBody(
        { op: 'add', path: 'members', value: userIds.slice(0, 60).map((value) => ({ value })) },
        { op: 'remove', path: 'members', value: userIds.slice(60, 100).map((value) => ({ value })) },
        { op: 'remove', path: `members[value eq "${userIds[100]}"]` },
      ),
    );
    expectAwsError(answer, 400, 'ValidationException');
    expect(answer.body.detail).toContain('101 membership changes');
  });

  it('refuses replacing members, removing all members, and attributes other than displayName, members, externalId', async () => {
    const { body: group } = await client.post('/Groups', groupBody('Engineering', [userIds[0]!]));
    const replace = patchBody({ op: 'replace', path: 'members', value: [{ value: userIds[1] }] });
    expectAwsError(await client.patch(`/Groups/${group.id}`, replace), 400, 'ValidationException');
    const pathless = patchBody({ op: 'replace', value: { members: [{ value: userIds[1] }] } });
    expectAwsError(await client.patch(`/Groups/${group.id}`, pathless), 400, 'ValidationException');
    expectAwsError(
      await client.patch(`/Groups/${group.id}`, patchBody({ op: 'remove', path: 'members' })),
      400,
      'ValidationException',
    );
    const other = patchBody({ op: 'add', path: 'description', value: 'x' });
    expectAwsError(await client.patch(`/Groups/${group.id}`, other), 400, 'ValidationException');
    expect(membersOf(target.store.groups.get(group.id)!).map((m) => m.value)).toEqual([userIds[0]]);
    const rename = await client.patch(
      `/Groups/${group.id}`,
      patchBody({ op: 'replace', path: 'displayName', value: 'R&D' }),
    );
    expect(rename.status).toBe(204);
    expect(target.store.groups.get(group.id)!.displayName).toBe('R&D');
  });

  it('creates a group with at most 100 members, has no PUT, and refuses duplicate names', async () => {
    expectAwsError(await client.post('/Groups', groupBody('Too big', userIds)), 400, 'ValidationException');
    const { body: group } = await client.post('/Groups', groupBody('Fits', userIds.slice(0, 100)));
    expect(membersOf(target.store.groups.get(group.id)!)).toHaveLength(100);
    expectAwsError(await client.put(`/Groups/${group.id}`, groupBody('Fits')), 400, 'ValidationException');
    expectAwsError(await client.post('/Groups', groupBody('FITS')), 409, 'ConflictException');
  });

  it('answers unknown groups with a ResourceNotFoundException', async () => {
    const answer = await send(`${target.baseUrl}/Groups/does-not-exist`);
    expectAwsError(answer, 404, 'ResourceNotFoundException');
  });
});
