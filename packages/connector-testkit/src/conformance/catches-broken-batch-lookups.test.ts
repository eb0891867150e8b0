import { describe, it } from '@jest/globals';
import type { ObjectType, RemoteObject } from '@idsync/core';
import type { FilterNode } from '@idsync/scim';
import { brokenReference as broken, expectCaught } from './testing/broken-reference.js';

type GetMany = (type: ObjectType, remoteIds: readonly string[]) => Promise<ReadonlyMap<string, RemoteObject>>;
type FindEach = (
  type: ObjectType,
  filters: readonly FilterNode[],
) => Promise<readonly (readonly RemoteObject[])[]>;

describe('the suite catches broken batch look-ups', () => {
  it('a getMany that returns every object of the store, not just those asked for', async () => {
    const options = broken((connector, store) => ({
      getMany: (async (type) =>
        connector.getMany(
          type,
          store.all(type).map((record) => record.remoteId),
        )) as GetMany,
    }));
    await expectCaught(
      'batch.get-many',
      options,
      /answered for .*expected exactly .*not "[^"]+" which was not asked/s,
    );
  });

  it('a getMany that drops the last id asked for (the engine would think it deleted)', async () => {
    const options = broken((connector) => ({
      getMany: (async (type, remoteIds) => connector.getMany(type, remoteIds.slice(0, -1))) as GetMany,
    }));
    await expectCaught(
      'batch.get-many',
      options,
      /An id missing from the answer tells the engine the object was deleted/,
    );
  });

  it('a getMany that answers unknown ids with an empty entry instead of leaving them out', async () => {
    const options = broken((connector) => ({
      getMany: (async (type, remoteIds) => {
        const found = new Map<string, RemoteObject>(await connector.getMany(type, remoteIds));
        for (const id of remoteIds) if (!found.has(id)) found.set(id, undefined as unknown as RemoteObject);
        return found;
      }) as GetMany,
    }));
    await expectCaught('batch.get-many', options, /expected exactly/);
  });

  it('a getMany that keys objects by position instead of by remote id', async () => {
    const options = broken((connector) => ({
      getMany: (async (type, remoteIds) => {
        const found = await connector.getMany(type, remoteIds);
        // Each existing id gets the object of the next existing id: the keys are right, the objects swapped.
        const existing = remoteIds.filter((id) => found.has(id));
        return new Map(
          existing.map((id, index) => [id, found.get(existing[(index + 1) % existing.length]!)!]),
        );
      }) as GetMany,
    }));
    await expectCaught('batch.get-many', options, /put the object "[^"]+" under the key "[^"]+"/);
  });

  it('a findEach that answers in another order than the filters', async () => {
    const options = broken((connector) => ({
      findEach: (async (type, filters) =>
        [...(await connector.findEach(type, filters))].reverse()) as FindEach,
    }));
    await expectCaught('batch.find-each', options, /answer 0 \(for userName eq "[^"]+"\) holds/);
  });

  it('a findEach that leaves out the answers of filters matching nothing', async () => {
    const options = broken((connector) => ({
      findEach: (async (type, filters) =>
        (await connector.findEach(type, filters)).filter((answer) => answer.length > 0)) as FindEach,
    }));
    await expectCaught(
      'batch.find-each',
      options,
      /returned 3 answers; it must return an array with one answer per filter/,
    );
  });

  it('a findEach that gives each object to the first filter it matches only', async () => {
    const options = broken((connector) => ({
      findEach: (async (type, filters) => {
        const seen = new Set<string>();
        return (await connector.findEach(type, filters)).map((answer) =>
          answer.filter((object) => !seen.has(object.remoteId) && seen.add(object.remoteId)),
        );
      }) as FindEach,
    }));
    await expectCaught(
      'batch.find-each',
      options,
      /answer 3 \(for .*matches one the previous filter matched too\)\) holds \[\]/,
    );
  });

  it('a findEach that keeps only the first match of a filter matching several', async () => {
    const options = broken((connector) => ({
      findEach: (async (type, filters) =>
        (await connector.findEach(type, filters)).map((answer) => answer.slice(0, 1))) as FindEach,
    }));
    await expectCaught('batch.find-each', options, /answer 2 \(for .*\(matches two\)\) holds/);
  });
});
