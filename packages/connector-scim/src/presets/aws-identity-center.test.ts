import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ConnectorError, type RemoteObject } from '@idsync/core';
import { createRecordingContext } from '@idsync/connector-testkit';
import { filterBuilders, parseFilter, USER_SCHEMA } from '@idsync/scim';
import type { ScimTarget as SimulatedTarget } from '@idsync/scim-target';
import { lastValueFrom, toArray } from 'rxjs';
import type { ScimConnector } from '../scim-connector.js';
import { openScimConnector } from '../scim-definition.js';
import { ScimPatchConnector } from '../scim-patch-connector.js';
import { BEARER, sampleGroup, sampleUser, startBearerTarget } from '../testing/conformance-setup.js';
import { caught } from '../testing/make-target.js';

let aws: SimulatedTarget;
let connector: ScimConnector;

beforeAll(async () => {
  aws = await startBearerTarget({ profile: 'aws-identity-center' });
});
afterAll(async () => {
  await aws.close();
});
beforeEach(async () => {
  aws.store.clear();
  aws.requests.clear();
  await connector?.close();
  connector = await openScimConnector(
    {
      baseUrl: aws.baseUrl,
      authMethod: 'oauth-bearer',
      bearerToken: BEARER,
      preset: 'aws-identity-center',
      maxMembersPerRequest: 500,
    },
    createRecordingContext(),
  );
  aws.requests.clear(); // discovery is not what these tests look at
});
afterAll(async () => {
  await connector?.close();
});

async function makeUsers(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++)
    ids.push((await connector.create('User', sampleUser(`aws${index}`))).remoteId);
  return ids;
}

async function members(groupId: string): Promise<string[]> {
  const pages = await lastValueFrom(connector.readMembers(groupId).pipe(toArray()));
  return pages.flat().sort();
}

describe('AWS IAM Identity Center preset', () => {
  it('refuses a user without name parts or displayName before sending anything', async () => {
    const error = await caught(() =>
      connector.create('User', { schemas: [USER_SCHEMA], userName: 'noname', name: { givenName: 'No' } }),
    );
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('invalid');
    expect((error as ConnectorError).message).toContain('displayName, name.familyName');
    expect(aws.requests.size).toBe(0);
  });

  it('sends one email, the primary, and never the same address twice', async () => {
    const created = await connector.create('User', {
      ...sampleUser('mail'),
      emails: [
        { value: 'home@example.test', type: 'home' },
        { value: 'work@example.test', type: 'work', primary: true },
        { value: 'WORK@example.test', type: 'other' },
      ],
    });
    expect(aws.store.collection('User').get(created.remoteId)?.emails).toEqual([
      { value: 'work@example.test', type: 'work', primary: true },
    ]);
  });

  it('splits membership changes into PATCHes of at most 100, whatever the config says', async () => {
    const users = await makeUsers(230);
    const group = await connector.create('Group', sampleGroup('big'));
    aws.requests.clear();
    await connector.addMembers(group.remoteId, users);
    const patches = aws.requests.matching({ method: 'PATCH' });
    expect(patches).toHaveLength(3);
    const sizes = patches.map((request) => {
      const body = request.body as { Operations: { value: unknown[] }[] };
      return body.Operations.reduce((sum, operation) => sum + operation.value.length, 0);
    });
    expect(sizes).toEqual([100, 100, 30]);
    expect(patches.every((request) => request.status === 204)).toBe(true);

    aws.requests.clear();
    await connector.removeMembers(group.remoteId, users.slice(0, 150));
    expect(aws.requests.matching({ method: 'PATCH' }).map((request) => request.status)).toEqual([204, 204]);
    expect(await members(group.remoteId)).toEqual(users.slice(150).sort());
  });

  it('reads members through the groups.value filter, since group reads come back without members', async () => {
    const users = await makeUsers(3);
    const group = await connector.create('Group', sampleGroup('readers'));
    await connector.addMembers(group.remoteId, users.slice(0, 2));
    aws.requests.clear();
    expect(await members(group.remoteId)).toEqual(users.slice(0, 2).sort());
    const lists = aws.requests
      .matching({ method: 'GET', path: '/Users' })
      .filter((request) => request.query.filter);
    expect(lists[0]?.query.filter).toBe(`groups.value eq "${group.remoteId}"`);
    expect('cursor' in (lists[0]?.query ?? {})).toBe(true);
    // The group itself is read once, only to tell an unknown group from an empty one.
    expect(aws.requests.matching({ method: 'GET', path: `/Groups/${group.remoteId}` })).toHaveLength(1);
  });

  it('reads every user by cursor, never by startIndex', async () => {
    const users = await makeUsers(5);
    aws.requests.clear();
    const pages = await lastValueFrom(connector.read('User', { pageSize: 2 }).pipe(toArray()));
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(
      pages
        .flat()
        .map((user: RemoteObject) => user.remoteId)
        .sort(),
    ).toEqual(users.sort());
    const lists = aws.requests.matching({ method: 'GET', path: '/Users' });
    expect(
      lists.every((request) => request.query.startIndex === undefined && request.query.count === '2'),
    ).toBe(true);
    expect(lists[0]?.query.cursor).toBe('');
  });

  it('refuses filters AWS cannot take, without a request', async () => {
    const error = (await caught(() =>
      connector.find('User', parseFilter('emails.value eq "a@example.test"')),
    )) as ConnectorError;
    expect(error.code).toBe('unsupported');
    expect(aws.requests.size).toBe(0);
    const found = await connector.find('User', filterBuilders.eq('userName', 'nobody@example.test'));
    expect(found).toEqual([]);
  });

  it('changes a group by PATCH, since AWS has no PUT for groups', async () => {
    const group = await connector.create('Group', sampleGroup('old'));
    await connector.replace('Group', group.remoteId, { ...sampleGroup('new'), externalId: 'ext-1' });
    expect(aws.requests.matching({ method: 'PUT' })).toHaveLength(0);
    const stored = aws.store.collection('Group').get(group.remoteId);
    expect([stored?.displayName, stored?.externalId]).toEqual(['Group new', 'ext-1']);
  });

  it('refuses a PATCH removing a required attribute before sending it', async () => {
    const [user] = await makeUsers(1);
    aws.requests.clear();
    expect(connector).toBeInstanceOf(ScimPatchConnector);
    const patching = connector as ScimPatchConnector;
    const error = (await caught(() =>
      patching.patch('User', user!, [{ op: 'remove', path: 'name.familyName' }]),
    )) as ConnectorError;
    expect(error.code).toBe('invalid');
    expect(aws.requests.size).toBe(0);
  });
});
