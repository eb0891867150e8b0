import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SCIM_V2_ERROR_URN } from '@idsync/scim';
import { startScimTarget, type ScimTarget } from '../start-scim-target.js';
import { membersOf } from '../store/target-store.js';
import { groupBody, patchBody, userBody } from '../test-support/fixtures.js';
import { scimClient, type ScimClient } from '../test-support/scim-http.js';

const filterQuery = (filter: string) => `?filter=${encodeURIComponent(filter)}`;

describe('atlassian profile', () => {
  let target: ScimTarget;
  let client: ScimClient;

  beforeEach(async () => {
    target = await startScimTarget({ profile: 'atlassian' });
    client = scimClient(target);
  });
  afterEach(() => target.close());

  it('filters users with one eq on userName or externalId, groups with one eq on displayName', async () => {
    await client.post('/Users', userBody('bjensen', { externalId: 'okta-1' }));
    await client.post('/Groups', groupBody('Engineering'));
    expect((await client.get(`/Users${filterQuery('userName eq "bjensen"')}`)).body.totalResults).toBe(1);
    expect((await client.get(`/Users${filterQuery('externalId eq "okta-1"')}`)).body.totalResults).toBe(1);
    expect(
      (await client.get(`/Groups${filterQuery('displayName eq "Engineering"')}`)).body.totalResults,
    ).toBe(1);
    for (const [endpoint, refused] of [
      ['/Users', 'userName eq "bjensen" and active eq true'],
      ['/Users', 'displayName eq "x"'],
      ['/Users', 'userName sw "b"'],
      ['/Groups', 'externalId eq "x"'],
    ] as const) {
      const answer = await client.get(`${endpoint}${filterQuery(refused)}`);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ schemas: [SCIM_V2_ERROR_URN], scimType: 'invalidFilter' });
    }
  });

  it('does not sort and serves at most 100 per page by startIndex', async () => {
    for (const name of ['carol', 'alice', 'bob']) await client.post('/Users', userBody(name));
    const unsorted = await client.get('/Users?sortBy=userName');
    expect(unsorted.body.Resources.map((u: { userName: string }) => u.userName)).toEqual([
      'carol',
      'alice',
      'bob',
    ]);
    for (let index = 0; index < 102; index++) target.store.users.seed(userBody(`seeded${index}`));
    const capped = await client.get('/Users?count=500');
    expect(capped.body).toMatchObject({ totalResults: 105, itemsPerPage: 100, startIndex: 1 });
    const second = await client.get('/Users?startIndex=101&count=100');
    expect(second.body.itemsPerPage).toBe(5);
    expect((await client.get('/ServiceProviderConfig')).body.sort).toEqual({ supported: false });
  });

  it('answers a duplicate user or group name with 409', async () => {
    await client.post('/Users', userBody('bjensen'));
    expect((await client.post('/Users', userBody('bjensen'))).status).toBe(409);
    await client.post('/Groups', groupBody('Engineering'));
    const duplicate = await client.post('/Groups', groupBody('engineering'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.scimType).toBe('uniqueness');
  });

  it('deactivates a deleted user for good: later calls 404, the name can be used again', async () => {
    const { body: user } = await client.post('/Users', userBody('bjensen'));
    const { body: group } = await client.post('/Groups', groupBody('Engineering', [user.id]));
    expect((await client.delete(`/Users/${user.id}`)).status).toBe(204);
    expect((await client.get(`/Users/${user.id}`)).status).toBe(404);
    expect(
      (await client.patch(`/Users/${user.id}`, patchBody({ op: 'replace', path: 'active', value: true })))
        .status,
    ).toBe(404);
    expect((await client.delete(`/Users/${user.id}`)).status).toBe(404);
    expect(target.store.users.hiddenResources()).toEqual([
      expect.objectContaining({ id: user.id, active: false }),
    ]);
    expect(membersOf(target.store.groups.get(group.id)!)).toEqual([]);
    const again = await client.post('/Users', userBody('bjensen'));
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(user.id);
  });

  it('refuses renaming a group by PATCH or PUT, but takes membership changes and a PUT with the same name', async () => {
    const { body: user } = await client.post('/Users', userBody('bjensen'));
    const { body: group } = await client.post('/Groups', groupBody('Engineering'));
    const byPatch = await client.patch(
      `/Groups/${group.id}`,
      patchBody({ op: 'replace', path: 'displayName', value: 'R&D' }),
    );
    expect(byPatch.status).toBe(400);
    expect(byPatch.body.detail).toContain('create a group with the new name');
    expect((await client.put(`/Groups/${group.id}`, groupBody('R&D'))).status).toBe(400);
    expect(target.store.groups.get(group.id)!.displayName).toBe('Engineering');
    const add = await client.patch(
      `/Groups/${group.id}`,
      patchBody({ op: 'add', path: 'members', value: [{ value: user.id }] }),
    );
    expect(add.status).toBe(200);
    expect(add.body.members.map((m: { value: string }) => m.value)).toEqual([user.id]);
    expect((await client.put(`/Groups/${group.id}`, groupBody('Engineering'))).status).toBe(200);
  });
});
