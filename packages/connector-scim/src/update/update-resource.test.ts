import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRecordingContext } from '@idsync/connector-testkit';
import { getCaseInsensitive } from '@idsync/scim';
import type { ScimTarget as SimulatedTarget } from '@idsync/scim-target';
import type { ScimConnector } from '../scim-connector.js';
import { openScimConnector } from '../scim-definition.js';
import type { ScimPatchConnector } from '../scim-patch-connector.js';
import { BEARER, sampleGroup, sampleUser, startBearerTarget } from '../testing/conformance-setup.js';

/* What updates put on the wire: If-Match, kept members, 1.1 member deletes, normalised values. */

const targets: Record<string, SimulatedTarget> = {};
beforeAll(async () => {
  targets.etag = await startBearerTarget({ profile: 'rfc', etag: true });
  targets.v2 = await startBearerTarget({ profile: 'rfc' });
  targets.v1 = await startBearerTarget({ profile: 'rfc', version: '1.1' });
});
afterAll(async () => {
  await Promise.all(Object.values(targets).map((target) => target.close()));
});

async function open(target: SimulatedTarget, settings: Record<string, unknown> = {}): Promise<ScimConnector> {
  return openScimConnector(
    {
      baseUrl: target.baseUrl,
      authMethod: 'oauth-bearer',
      bearerToken: BEARER,
      patchMode: 'patch',
      ...settings,
    },
    createRecordingContext(),
  );
}

const memberValues = (target: SimulatedTarget, groupId: string) =>
  ((target.store.collection('Group').get(groupId)?.members ?? []) as { value: string }[])
    .map((member) => member.value)
    .sort();

describe('replace', () => {
  it('sends the version it read as If-Match when the target does ETags', async () => {
    const target = targets.etag!;
    const connector = await open(target, { patchMode: 'replace' });
    const user = await connector.create('User', sampleUser('etag'));
    const version = target.store.collection('User').get(user.remoteId)?.meta?.version;
    expect(version).toBeTruthy();
    target.requests.clear();
    await connector.replace('User', user.remoteId, { ...sampleUser('etag'), title: 'Changed' });
    const put = target.requests.matching({ method: 'PUT' })[0];
    expect(put?.headers['if-match']).toBe(version);
    expect(put?.status).toBe(200);
    await connector.close();
  });

  it('sends no If-Match to a target without ETags', async () => {
    const target = targets.v2!;
    const connector = await open(target);
    const user = await connector.create('User', sampleUser('noetag'));
    target.requests.clear();
    await connector.replace('User', user.remoteId, sampleUser('noetag'));
    expect(target.requests.matching({ method: 'PUT' })[0]?.headers['if-match']).toBeUndefined();
    await connector.close();
  });

  it('keeps a group’s members when the group is replaced', async () => {
    const target = targets.v2!;
    const connector = await open(target);
    const user = await connector.create('User', sampleUser('keepme'));
    const group = await connector.create('Group', sampleGroup('keep'));
    await connector.addMembers(group.remoteId, [user.remoteId]);
    await connector.replace('Group', group.remoteId, { ...sampleGroup('keep'), displayName: 'Kept members' });
    expect(memberValues(target, group.remoteId)).toEqual([user.remoteId]);
    expect(target.store.collection('Group').get(group.remoteId)?.displayName).toBe('Kept members');
    await connector.close();
  });
});

describe('membership changes on the wire', () => {
  it('SCIM 2.0: removes by value filter; removing an absent member is harmless', async () => {
    const target = targets.v2!;
    const connector = await open(target);
    const [a, b] = [
      await connector.create('User', sampleUser('rma')),
      await connector.create('User', sampleUser('rmb')),
    ];
    const group = await connector.create('Group', sampleGroup('rm'));
    await connector.addMembers(group.remoteId, [a.remoteId, b.remoteId]);
    target.requests.clear();
    await connector.removeMembers(group.remoteId, [a.remoteId, 'never-a-member']);
    expect(memberValues(target, group.remoteId)).toEqual([b.remoteId]);
    const first = target.requests.matching({ method: 'PATCH' })[0]?.body as {
      Operations: { op: string; path: string }[];
    };
    expect(first.Operations[0]).toEqual({ op: 'remove', path: `members[value eq "${a.remoteId}"]` });
    await connector.close();
  });

  it('SCIM 1.1: removes members with "operation": "delete"', async () => {
    const target = targets.v1!;
    const connector = await open(target, { scimVersion: '1.1' });
    const user = await connector.create('User', sampleUser('v1member'));
    const group = await connector.create('Group', sampleGroup('v1'));
    await connector.addMembers(group.remoteId, [user.remoteId]);
    expect(memberValues(target, group.remoteId)).toEqual([user.remoteId]);
    target.requests.clear();
    await connector.removeMembers(group.remoteId, [user.remoteId]);
    const body = target.requests.matching({ method: 'PATCH' })[0]?.body as Record<string, unknown>;
    expect(body.members).toEqual([{ value: user.remoteId, operation: 'delete' }]);
    expect(memberValues(target, group.remoteId)).toEqual([]);
    await connector.close();
  });
});

describe('patch', () => {
  it('normalises a replaced multi-valued attribute like a create', async () => {
    const target = targets.v2!;
    const connector = (await open(target)) as ScimPatchConnector;
    const user = await connector.create('User', sampleUser('emails'));
    await connector.patch('User', user.remoteId, [
      {
        op: 'replace',
        path: 'emails',
        value: [
          { value: 'x@example.test', type: 'work' },
          { value: 'X@example.test', type: 'home' },
        ],
      },
    ]);
    const emails = getCaseInsensitive(target.store.collection('User').get(user.remoteId)!, 'emails');
    expect(emails).toEqual([{ value: 'x@example.test', type: 'work', primary: true }]);
    await connector.close();
  });

  it('SCIM 1.1: sends a partial resource, clearing with meta.attributes', async () => {
    const target = targets.v1!;
    const connector = (await open(target, { scimVersion: '1.1' })) as ScimPatchConnector;
    const user = await connector.create('User', sampleUser('v1patch'));
    target.requests.clear();
    await connector.patch('User', user.remoteId, [
      { op: 'replace', path: 'displayName', value: 'New name' },
      { op: 'remove', path: 'title' },
    ]);
    const body = target.requests.matching({ method: 'PATCH' })[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ displayName: 'New name', meta: { attributes: ['title'] } });
    const stored = target.store.collection('User').get(user.remoteId);
    expect([stored?.displayName, stored?.title]).toEqual(['New name', undefined]);
    await connector.close();
  });
});
