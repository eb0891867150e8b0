import { describe, it } from '@jest/globals';
import { ConnectorError, isConnectorError, type ObjectType } from '@idsync/core';
import type { PatchOperation, ScimResource } from '@idsync/scim';
import { brokenReference as broken, expectCaught } from './testing/broken-reference.js';

describe('the suite catches broken creates', () => {
  it('a create that returns the existing object for a duplicate userName', async () => {
    const options = broken((connector, store) => ({
      create: async (type: ObjectType, resource: ScimResource) => {
        const existing = store.findByName(type, String(resource.userName ?? resource.displayName));
        return existing
          ? ((await connector.get(type, existing.remoteId)) ?? connector.create(type, resource))
          : connector.create(type, resource);
      },
    }));
    await expectCaught(
      'errors.duplicate-conflict',
      options,
      /second user with userName .* succeeded.*expected ConnectorError 'conflict'.*can correlate with it/,
    );
  });

  it('a create that lets the store error escape unmapped', async () => {
    const options = broken((connector) => ({
      create: async (type: ObjectType, resource: ScimResource) => {
        try {
          return await connector.create(type, resource);
        } catch (error) {
          throw new Error(`HTTP 409 from store: ${(error as Error).message}`);
        }
      },
    }));
    await expectCaught(
      'errors.duplicate-conflict',
      options,
      /threw Error: HTTP 409 from store.*not a ConnectorError.*new ConnectorError\('conflict'/,
    );
  });

  it("a create that reports a duplicate as 'invalid'", async () => {
    const options = broken((connector) => ({
      create: async (type: ObjectType, resource: ScimResource) => {
        try {
          return await connector.create(type, resource);
        } catch (error) {
          if (isConnectorError(error) && error.code === 'conflict')
            throw new ConnectorError('invalid', error.message);
          throw error;
        }
      },
    }));
    await expectCaught(
      'errors.duplicate-conflict',
      options,
      /threw ConnectorError 'invalid'.*expected 'conflict'/,
    );
  });

  it('a create that fills in a missing userName instead of refusing the data', async () => {
    const options = broken((connector) => ({
      create: async (type: ObjectType, resource: ScimResource) =>
        connector.create(type, { userName: 'generated-user', ...resource }),
    }));
    await expectCaught('errors.invalid-data', options, /succeeded.*expected ConnectorError 'invalid'/);
  });

  it('a create whose answer is not what the store now holds', async () => {
    const options = broken((connector) => ({
      create: async (type: ObjectType, resource: ScimResource) => {
        const created = await connector.create(type, resource);
        return { ...created, resource: { ...created.resource, displayName: 'something else' } };
      },
    }));
    await expectCaught(
      'crud.user-round-trip',
      options,
      /create\("User"\) returned a resource that differs from what was sent \(displayName/,
    );
  });
});

describe('the suite catches broken updates', () => {
  it('a patch that does nothing', async () => {
    const options = broken(() => ({ patch: async () => undefined }));
    await expectCaught(
      'update.patch-sets',
      options,
      /After patch\("User", id, .*replace.*\), get\("User", "[^"]+"\) does not show the update \(displayName: expected "changed/,
    );
  });

  it('a patch that ignores remove operations', async () => {
    const options = broken((connector) => ({
      patch: (type: ObjectType, remoteId: string, operations: readonly PatchOperation[]) =>
        connector.patch(
          type,
          remoteId,
          operations.filter((operation) => operation.op !== 'remove'),
        ),
    }));
    await expectCaught('update.patch-clears', options, /still shows displayName = "User /);
  });

  it('a replace that merges instead of replacing', async () => {
    const options = broken((connector) => ({
      replace: async (type: ObjectType, remoteId: string, resource: ScimResource) => {
        const current = await connector.get(type, remoteId);
        return connector.replace(type, remoteId, { ...current?.resource, ...resource });
      },
    }));
    await expectCaught(
      'update.replace-clears',
      options,
      /still shows displayName = .*must be cleared, not kept \(that would be a merge\)/,
    );
  });

  it('a replace that writes to the wrong object', async () => {
    const options = broken((connector) => ({
      replace: async (type: ObjectType, _remoteId: string, resource: ScimResource) => {
        await connector.create(type, resource).catch(() => undefined);
      },
    }));
    await expectCaught('update.replace-sets', options, /does not show the update \(displayName/);
  });

  it("a patch of an unknown id that succeeds instead of 'not-found'", async () => {
    const options = broken((connector) => ({
      patch: async (type: ObjectType, remoteId: string, operations: readonly PatchOperation[]) => {
        if (await connector.get(type, remoteId)) await connector.patch(type, remoteId, operations);
      },
    }));
    await expectCaught(
      'update.unknown-id-not-found',
      options,
      /patch\("User", "[^"]+"\) of an unknown id succeeded.*'not-found'/,
    );
  });
});

describe('the suite catches broken deletes', () => {
  it('a disable that deletes the user', async () => {
    const options = broken((connector) => ({
      disable: (type: ObjectType, remoteId: string) => connector.delete(type, remoteId),
    }));
    await expectCaught(
      'crud.disable',
      options,
      /After disable\("User"\), .* found nothing: disable must keep the object/,
    );
  });

  it('a delete that swallows not-found', async () => {
    const options = broken((connector) => ({
      delete: (type: ObjectType, remoteId: string) => connector.delete(type, remoteId).catch(() => undefined),
    }));
    await expectCaught(
      'crud.delete',
      options,
      /A second delete\("User", "[^"]+"\) succeeded.*expected ConnectorError 'not-found'/,
    );
  });

  it('a delete that does not delete', async () => {
    const options = broken(() => ({ delete: async () => undefined }));
    await expectCaught(
      'crud.delete',
      options,
      /After delete\("User", "[^"]+"\), get\("User", "[^"]+"\) still found it/,
    );
  });

  it('a delete that only hides the object from get (the store still has it)', async () => {
    const hidden = new Set<string>();
    const options = broken((connector) => ({
      delete: async (_type: ObjectType, remoteId: string) => {
        if (hidden.has(remoteId)) throw new ConnectorError('not-found', 'gone');
        hidden.add(remoteId);
      },
      get: async (type: ObjectType, remoteId: string) =>
        hidden.has(remoteId) ? undefined : connector.get(type, remoteId),
    }));
    await expectCaught('crud.delete', options, /the store \(fixture\.inspect\) still found it/);
  });
});
