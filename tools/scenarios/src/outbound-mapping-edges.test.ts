import { afterEach, describe, expect, it } from '@jest/globals';
import { EngineHarness, usersRule } from './engine-harness.js';

let harness: EngineHarness;
afterEach(async () => harness?.close());

const withMobile = usersRule({
  mappings: [
    ...usersRule().mappings,
    {
      target: 'phoneNumbers[type eq "mobile"].value',
      kind: 'direct',
      source: 'phoneNumbers[type eq "mobile"].value',
    },
  ],
});

describe('typed elements whose source is empty', () => {
  it('creates no empty element, and removes the element when the source value goes', async () => {
    harness = await EngineHarness.start({ rules: [withMobile] });
    const ada = await harness.addUser('ada.lovelace@example.com');
    await harness.sync('User');
    const created = harness.remoteUsers().get('ada.lovelace@example.com')!;
    expect(created.phoneNumbers).toBeUndefined();
    expect(created.emails).toEqual([
      expect.objectContaining({ type: 'work', value: 'ada.lovelace@example.com' }),
    ]);

    await harness.updateUser(ada, { phoneNumbers: [{ type: 'mobile', value: '+44 20 7946 0000' }] });
    await harness.sync('User');
    expect(harness.remoteUsers().get('ada.lovelace@example.com')!.phoneNumbers).toEqual([
      expect.objectContaining({ type: 'mobile', value: '+44 20 7946 0000' }),
    ]);

    // Someone adds a home email on the target; the hub loses the work email and the mobile.
    const remote = harness.target.findByName('User', 'ada.lovelace@example.com')!;
    const emails = [
      ...((remote.attributes.emails as object[] | undefined) ?? []),
      { type: 'home', value: 'ada@home.example' },
    ];
    harness.target.update('User', remote.remoteId, { attributes: { ...remote.attributes, emails } });
    await harness.updateUser(ada, { emails: [], phoneNumbers: [] });
    const run = await harness.sync('User');
    expect(run.counts).toMatchObject({ 'update.succeeded': 1 });
    const after = harness.remoteUsers().get('ada.lovelace@example.com')!;
    expect(after.phoneNumbers).toBeUndefined();
    expect(after.emails).toEqual([expect.objectContaining({ type: 'home', value: 'ada@home.example' })]);
    // Nothing left to do: the next run finds the target as the rules want it.
    expect((await harness.sync('User')).counts['planned.update'] ?? 0).toBe(0);
  });
});

describe('correlation settings', () => {
  it('a user filter expression that does not parse fails the run before anything is read or written', async () => {
    harness = await EngineHarness.start({ preferences: { userFilterExpression: 'userName eq "%s" and' } });
    await harness.addUser('ada.lovelace@example.com');
    const run = await harness.sync('User');
    expect(run.status).toBe('failed');
    expect(run.reason).toContain('Connection "Target directory" (target)');
    expect(run.reason).toContain('userName eq "%s" and');
    expect(run.reason).toContain('position 21');
    expect(harness.remoteUsers().size).toBe(0);
  });

  it('an identifier no rule maps is read from the hub object: the account already there is linked, not duplicated', async () => {
    harness = await EngineHarness.start({
      preferences: { userFilterExpression: 'externalId eq "%s"', userIdentifier: 'externalId' },
    });
    const existing = harness.target.insert('User', {
      attributes: { userName: 'a.lovelace@old.example.com', externalId: 'E-1' },
    });
    const ada = await harness.addUser('ada.lovelace@example.com', { externalId: 'E-1' });
    const explanation = await harness.explain(ada);
    expect(JSON.stringify(explanation)).toContain('externalId eq \\"E-1\\"');
    const run = await harness.sync('User');
    expect(run.counts).toMatchObject({ 'link.succeeded': 1, 'update.succeeded': 1 });
    expect(harness.target.all('User')).toHaveLength(1);
    expect(harness.target.get('User', existing.remoteId)?.attributes.userName).toBe(
      'ada.lovelace@example.com',
    );
  });
});
