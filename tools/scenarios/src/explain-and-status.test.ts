import { afterEach, describe, expect, it } from '@jest/globals';
import { connectionSyncStatus, ConnectorError, objectSyncStatus } from '@idsync/core';
import { EngineHarness, usersRule } from './engine-harness.js';

let harness: EngineHarness;
afterEach(async () => harness?.close());

describe('explain', () => {
  it('says why an object is in or out of each rule and where each value comes from', async () => {
    harness = await EngineHarness.start({
      rules: [
        usersRule({ id: 'engineers', name: 'Engineers', scope: { filter: 'title eq "Engineer"' } }),
        usersRule({
          id: 'staff',
          name: 'Staff',
          scope: { filter: 'active eq true' },
          mappings: [
            { target: 'userName', kind: 'direct', source: 'userName' },
            {
              target: 'displayName',
              kind: 'expression',
              expression: 'Join(" ", [name.givenName], ToUpper([name.familyName]))',
            },
            { target: 'title', kind: 'constant', value: 'Staff member' },
          ],
        }),
      ],
    });
    const id = await harness.addUser('ada.lovelace@example.com', { title: 'Analyst' });
    const explanation = await harness.explain(id);

    expect(explanation.rules).toEqual([
      expect.objectContaining({
        ruleId: 'engineers',
        inScope: false,
        because: ['does not match the filter title eq "Engineer"'],
      }),
      expect.objectContaining({
        ruleId: 'staff',
        inScope: true,
        because: ['matches the filter active eq true'],
      }),
    ]);
    const displayName = explanation.attributes.find((a) => a.targetPath === 'displayName');
    expect(displayName).toMatchObject({ ruleId: 'staff', kind: 'expression', value: 'ada LOVELACE' });
    expect(explanation.attributes.find((a) => a.targetPath === 'title')).toMatchObject({
      kind: 'constant',
      value: 'Staff member',
    });
    expect(explanation.wouldDo).toEqual([
      expect.objectContaining({
        kind: 'create',
        resource: expect.objectContaining({ displayName: 'ada LOVELACE' }),
      }),
    ]);
    expect(harness.target.count('User')).toBe(0);
  });
});

describe('sync status', () => {
  it('counts successes and failures per connection and keeps per-object errors', async () => {
    harness = await EngineHarness.start();
    await harness.addUser('ada.lovelace@example.com');
    const grace = await harness.addUser('grace.hopper@example.com');
    expect((await connectionSyncStatus(harness.store.links, harness.store.runs, 'target')).state).toBe(
      'never-synced',
    );

    harness.target.faults.failForObject(
      'grace.hopper@example.com',
      new ConnectorError('invalid', 'The target refused the email address'),
    );
    await harness.sync();
    const status = await connectionSyncStatus(harness.store.links, harness.store.runs, 'target');
    expect(status).toMatchObject({ state: 'partial', successCount: 1, failedCount: 1, total: 2 });

    const [graceStatus] = await objectSyncStatus(harness.store.links, ['target'], 'User', grace);
    expect(graceStatus).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: expect.stringContaining('refused the email address'),
    });

    harness.target.faults.clear();
    await harness.sync();
    expect(await connectionSyncStatus(harness.store.links, harness.store.runs, 'target')).toMatchObject({
      state: 'in-sync',
      successCount: 2,
      failedCount: 0,
    });
    expect((await objectSyncStatus(harness.store.links, ['target'], 'User', grace))[0]).toMatchObject({
      state: 'in-sync',
      attempts: 0,
    });
  });
});
