import { describe, it } from '@jest/globals';
import type { ChangeBatch, ObjectType } from '@idsync/core';
import { EMPTY, map, type Observable } from 'rxjs';
import { brokenReference as broken, expectCaught } from './testing/broken-reference.js';

type ChangesSince = (type: ObjectType, token: string) => Observable<ChangeBatch>;

describe('the suite catches broken change tracking', () => {
  it('a changesSince that ignores its token and replays the whole log', async () => {
    const options = broken((connector, store) => ({
      changesSince: ((type) => connector.changesSince(type, `${store.instanceId}.0`)) as ChangesSince,
    }));
    await expectCaught(
      'changes.latest-token-is-now',
      options,
      /created before the token was taken.*latestToken\(\) must mean "now"/,
    );
    await expectCaught(
      'changes.resume-without-replay',
      options,
      /Resuming from the token of batch 0 replayed/,
    );
  });

  it('a latestToken that points at the start of history', async () => {
    const options = broken((_connector, store) => ({ latestToken: async () => `${store.instanceId}.0` }));
    await expectCaught(
      'changes.latest-token-is-now',
      options,
      /changesSince\(latestToken\(\)\) returned "[^"]+", which was created before the token/,
    );
  });

  it('batches that carry the token they started from', async () => {
    const options = broken((connector) => ({
      changesSince: ((type, token) =>
        connector.changesSince(type, token).pipe(map((batch) => ({ ...batch, token })))) as ChangesSince,
    }));
    await expectCaught('changes.new-object-appears', options, /carries the same token it started from/);
    await expectCaught(
      'changes.resume-without-replay',
      options,
      /Resuming from the token of batch 0 replayed/,
    );
  });

  it('batch tokens that point one batch too early', async () => {
    const options = broken((connector) => ({
      changesSince: ((type, token) => {
        let previous = token;
        return connector.changesSince(type, token).pipe(
          map((batch) => {
            const shifted = { ...batch, token: previous };
            previous = batch.token;
            return shifted;
          }),
        );
      }) as ChangesSince,
    }));
    await expectCaught(
      'changes.resume-without-replay',
      options,
      /Resuming from the token of batch \d replayed/,
    );
  });

  it('a change feed that leaves out deletes', async () => {
    const options = broken((connector) => ({
      changesSince: ((type, token) =>
        connector.changesSince(type, token).pipe(
          map((batch) => ({
            ...batch,
            changes: batch.changes.filter((change) => change.kind !== 'delete'),
          })),
        )) as ChangesSince,
    }));
    await expectCaught(
      'changes.delete-appears',
      options,
      /did not report the deletion of "[^"]+".*changesReportDeletes: false/,
    );
  });

  it('a change feed that reports the object as it was before the update', async () => {
    const options = broken((connector, store) => {
      const firstSeen = new Map<string, ChangeBatch['changes'][number]>();
      return {
        changesSince: ((type, token) =>
          connector.changesSince(type, token).pipe(
            map((batch) => ({
              ...batch,
              changes: batch.changes.map((change) => {
                const id = change.kind === 'upsert' ? change.object.remoteId : change.remoteId;
                return firstSeen.get(id) ?? change;
              }),
            })),
          )) as ChangesSince,
        latestToken: async (type: ObjectType) => {
          // Remember every user as it is when the token is taken: the stale state the broken feed reports.
          for (const record of store.all(type)) {
            const current = await connector.get(type, record.remoteId);
            if (current) firstSeen.set(record.remoteId, { kind: 'upsert', object: current });
          }
          return connector.latestToken(type);
        },
      };
    });
    await expectCaught(
      'changes.update-appears',
      options,
      /reported "[^"]+" with displayName = "User [^"]+", not the updated "changed/,
    );
  });

  it('a change feed that accepts any token', async () => {
    const options = broken((connector) => ({
      changesSince: ((type, token) =>
        token.includes('.') ? connector.changesSince(type, token) : EMPTY) as ChangesSince,
    }));
    await expectCaught('changes.bad-token-invalid', options, /succeeded.*expected ConnectorError 'invalid'/);
  });
});
