import { afterEach, describe, expect, it } from '@jest/globals';
import { ENTERPRISE_USER_SCHEMA } from '@idsync/scim';
import { EngineHarness, usersRule } from './engine-harness.js';

let harness: EngineHarness;
afterEach(async () => harness?.close());

describe('connection preferences', () => {
  it('provisions users disabled at the source as inactive only when asked to', async () => {
    harness = await EngineHarness.start();
    await harness.addUser('ada.lovelace@example.com', { active: false });
    const skipped = await harness.sync();
    expect(skipped.counts).toMatchObject({ 'planned.skip': 1 });
    expect(harness.target.count('User')).toBe(0);

    harness.setPreferences({ provisionDisabledUsers: true });
    await harness.sync();
    expect(harness.remoteUsers().get('ada.lovelace@example.com')?.active).toBe(false);
  });

  it('correlates with the user filter expression and identifier of the connection, escaped', async () => {
    harness = await EngineHarness.start({
      preferences: { userFilterExpression: 'externalId eq "%s"', userIdentifier: 'externalId' },
      rules: [
        usersRule({
          mappings: [
            { target: 'userName', kind: 'direct', source: 'userName' },
            { target: 'externalId', kind: 'direct', source: 'externalId' },
          ],
        }),
      ],
    });
    const tricky = 'EMP"42\\ or userName pr';
    harness.target.insert('User', {
      attributes: { userName: 'someone.else@example.com', externalId: tricky },
    });
    harness.target.insert('User', { attributes: { userName: 'decoy@example.com', externalId: 'EMP"43' } });
    await harness.addUser('ada.lovelace@example.com', { externalId: tricky });

    const run = await harness.sync();
    expect(run.counts).toMatchObject({ 'planned.link': 1 });
    expect(harness.target.count('User')).toBe(2);
    // The linked object is the one with the same externalId, now renamed by the mapping.
    expect(harness.remoteUsers().get('ada.lovelace@example.com')?.externalId).toBe(tricky);
  });

  it('maps into extension attributes, and reports a target that refuses an unknown schema on that object only', async () => {
    const custom = 'urn:example:params:scim:schemas:acme:hr:1.0';
    harness = await EngineHarness.start({
      rules: [
        usersRule({
          mappings: [
            { target: 'userName', kind: 'direct', source: 'userName' },
            {
              target: `${ENTERPRISE_USER_SCHEMA}:department`,
              kind: 'direct',
              source: `${ENTERPRISE_USER_SCHEMA}:department`,
            },
            {
              target: `${custom}:badge`,
              kind: 'expression',
              expression: 'IIF(IsPresent([title]), Append("B-", [externalId]), null)',
            },
          ],
        }),
      ],
    });
    await harness.addUser('ada.lovelace@example.com', {
      externalId: '7',
      [ENTERPRISE_USER_SCHEMA]: { department: 'R&D' },
    });
    const badged = await harness.addUser('grace.hopper@example.com', { externalId: '8', title: 'Admiral' });
    const run = await harness.sync();
    expect(run.status).toBe('partial');
    expect(harness.remoteUsers().get('ada.lovelace@example.com')).toMatchObject({
      [ENTERPRISE_USER_SCHEMA]: { department: 'R&D' },
    });
    // The reference target knows no custom schema: that one user fails, with the target's reason.
    const link = await harness.store.links.get('target', 'User', badged);
    expect(link).toMatchObject({ state: 'failed', lastError: expect.stringContaining(custom) });
  });

  it('updates by full replace when the connector has no PATCH', async () => {
    harness = await EngineHarness.start();
    const id = await harness.addUser('ada.lovelace@example.com', { title: 'Analyst' });
    await harness.sync();
    // The same connector without its patch operation: the engine must fall back to replace.
    const { patch: _patch, ...withoutPatch } = Object.fromEntries(
      Object.entries(Object.getOwnPropertyDescriptors(Object.getPrototypeOf(harness.connector))).map(
        ([key]) => [
          key,
          typeof (harness.connector as unknown as Record<string, unknown>)[key] === 'function'
            ? (harness.connector as unknown as Record<string, (...args: unknown[]) => unknown>)[key]!.bind(
                harness.connector,
              )
            : undefined,
        ],
      ),
    );
    harness.useConnector(withoutPatch);
    harness.target.faults.resetCounts();
    await harness.updateUser(id, { title: 'Engineer' });
    await harness.sync();
    expect(harness.target.faults.callCount('patch')).toBe(0);
    expect(harness.target.faults.callCount('replace')).toBe(1);
    expect(harness.remoteUsers().get('ada.lovelace@example.com')).toMatchObject({
      title: 'Engineer',
      userName: 'ada.lovelace@example.com',
    });
  });
});
