import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { ConnectorError } from '@idsync/core';
import { createRecordingContext } from '@idsync/connector-testkit';
import { filterBuilders, getCaseInsensitive } from '@idsync/scim';
import type { ScimTarget as SimulatedTarget } from '@idsync/scim-target';
import { lastValueFrom, toArray } from 'rxjs';
import { openScimConnector } from '../scim-definition.js';
import { ScimPatchConnector } from '../scim-patch-connector.js';
import { BEARER, sampleGroup, sampleUser, startBearerTarget } from '../testing/conformance-setup.js';
import { caught } from '../testing/make-target.js';

let atlassian: SimulatedTarget;
let connector: ScimPatchConnector;

beforeAll(async () => {
  atlassian = await startBearerTarget({ profile: 'atlassian' });
});
beforeEach(async () => {
  atlassian.store.clear();
  await connector?.close();
  const opened = await openScimConnector(
    { baseUrl: atlassian.baseUrl, authMethod: 'oauth-bearer', bearerToken: BEARER, preset: 'atlassian' },
    createRecordingContext(),
  );
  expect(opened).toBeInstanceOf(ScimPatchConnector);
  connector = opened as ScimPatchConnector;
  atlassian.requests.clear();
});
afterAll(async () => {
  await connector?.close();
  await atlassian.close();
});

async function groupWithMembers(tag: string, count: number): Promise<{ groupId: string; userIds: string[] }> {
  const userIds: string[] = [];
  for (let index = 0; index < count; index++)
    userIds.push((await connector.create('User', sampleUser(`${tag}${index}`))).remoteId);
  const groupId = (await connector.create('Group', sampleGroup(tag))).remoteId;
  await connector.addMembers(groupId, userIds);
  return { groupId, userIds };
}

const groupsNamed = (name: string) =>
  atlassian.store.collection('Group').find((group) => getCaseInsensitive(group, 'displayName') === name);

const membersOf = async (groupId: string) =>
  (await lastValueFrom(connector.readMembers(groupId).pipe(toArray()))).flat().sort();

describe('Atlassian preset: group rename by re-creation', () => {
  it('patch of displayName creates the new group, moves the members and deletes the old group', async () => {
    const { groupId, userIds } = await groupWithMembers('ren', 3);
    await connector.patch('Group', groupId, [{ op: 'replace', path: 'displayName', value: 'Renamed team' }]);

    expect(atlassian.store.collection('Group').get(groupId)).toBeUndefined();
    const [renamed] = groupsNamed('Renamed team');
    expect(renamed).toBeDefined();
    expect(((renamed?.members ?? []) as { value: string }[]).map((member) => member.value).sort()).toEqual(
      userIds.sort(),
    );
    // A PATCH of displayName was never sent: the target refuses renames.
    const renames = atlassian.requests
      .matching({ method: 'PATCH' })
      .filter((request) => JSON.stringify(request.body).toLowerCase().includes('displayname'));
    expect(renames).toEqual([]);
    // Later calls with the old id reach the new group.
    expect(await membersOf(groupId)).toEqual(userIds.sort());
    expect((await connector.get('Group', groupId))?.resource.displayName).toBe('Renamed team');
  });

  it('replace with a new displayName renames the same way', async () => {
    const { groupId, userIds } = await groupWithMembers('rep', 2);
    await connector.replace('Group', groupId, { ...sampleGroup('rep'), displayName: 'Replaced team' });
    expect(atlassian.store.collection('Group').get(groupId)).toBeUndefined();
    const [renamed] = groupsNamed('Replaced team');
    expect(((renamed?.members ?? []) as { value: string }[]).map((member) => member.value).sort()).toEqual(
      userIds.sort(),
    );
  });

  it('a replace that keeps the name is a plain PUT that keeps the members', async () => {
    const { groupId, userIds } = await groupWithMembers('keep', 2);
    await connector.replace('Group', groupId, { ...sampleGroup('keep'), externalId: 'ext-keep' });
    const stored = atlassian.store.collection('Group').get(groupId);
    expect(stored?.externalId).toBe('ext-keep');
    expect(((stored?.members ?? []) as { value: string }[]).map((member) => member.value).sort()).toEqual(
      userIds.sort(),
    );
  });

  it('finishes a rename that stopped after creating the new group', async () => {
    const { groupId, userIds } = await groupWithMembers('half', 2);
    const leftover = await connector.create('Group', { ...sampleGroup('x'), displayName: 'Half done' });
    await connector.patch('Group', groupId, [{ op: 'replace', path: 'displayName', value: 'Half done' }]);
    expect(groupsNamed('Half done').map((group) => group.id)).toEqual([leftover.remoteId]);
    expect(await membersOf(leftover.remoteId)).toEqual(userIds.sort());
    expect(atlassian.store.collection('Group').get(groupId)).toBeUndefined();
  });
});

describe('Atlassian preset: filters', () => {
  it('finds users by userName eq, as PingOne’s userName eq "%s" does', async () => {
    const created = await connector.create('User', sampleUser('findme'));
    const found = await connector.find('User', filterBuilders.eq('userName', 'findme@example.test'));
    expect(found.map((user) => user.remoteId)).toEqual([created.remoteId]);
  });

  it('refuses a filter Atlassian cannot take, without a request', async () => {
    atlassian.requests.clear();
    const error = (await caught(() =>
      connector.find('User', filterBuilders.eq('title', 'x')),
    )) as ConnectorError;
    expect(error.code).toBe('unsupported');
    expect(atlassian.requests.size).toBe(0);
  });
});
