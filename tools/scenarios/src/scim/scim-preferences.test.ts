import { afterEach, describe, expect, it } from '@jest/globals';
import { defineAttribute, ENTERPRISE_USER_SCHEMA } from '@idsync/scim';
import { usersRule } from '../engine-harness.js';
import { ScimEngineHarness } from './scim-engine-harness.js';
import { createdBodies, writesOf } from './scim-request-log.js';

/*
 * Every connection preference, hub → SCIM 2.0 target (rfc profile, PATCH discovered), through
 * the real engine and connector. Each test toggles one preference and checks what the target
 * holds, and which writes reached it, on both sides of the toggle.
 */

let harness: ScimEngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const ADA = 'ada.lovelace@example.com';
const GRACE = 'grace.hopper@example.com';
const engineers = usersRule({ scope: { filter: 'title eq "Engineer"' } });

async function start(
  options: Parameters<typeof ScimEngineHarness.start>[0] = {},
): Promise<ScimEngineHarness> {
  harness = await ScimEngineHarness.start(options);
  return harness;
}

describe('SCIM outbound: allow create / update / disable / deprovision', () => {
  it('allow create off: a new hub user is skipped, nothing is POSTed; on: it is created', async () => {
    const h = await start({ preferences: { allowCreate: false } });
    await h.addUser(ADA);
    const refused = await h.sync();
    expect(refused.counts).toMatchObject({ 'planned.skip': 1 });
    expect(writesOf(h.simulator)).toEqual([]);
    expect(h.simulator.store.users.size).toBe(0);

    h.setPreferences({ allowCreate: true });
    await h.sync();
    expect(writesOf(h.simulator)).toEqual(['POST /Users 201']);
    expect(h.remoteUser(ADA)).toMatchObject({
      userName: ADA,
      active: true,
      name: { givenName: 'ada', familyName: 'lovelace' },
    });
  });

  it('allow update off: a changed attribute is not sent; on: it is PATCHed', async () => {
    const h = await start({ preferences: { allowUpdate: false } });
    const id = await h.addUser(ADA, { title: 'Analyst' });
    await h.sync();
    await h.updateUser(id, { title: 'Engineer' });
    h.simulator.requests.clear();

    await h.sync();
    expect(writesOf(h.simulator)).toEqual([]);
    expect(h.remoteUser(ADA)?.title).toBe('Analyst');

    h.setPreferences({ allowUpdate: true });
    await h.sync();
    expect(writesOf(h.simulator)).toEqual(['PATCH /Users/{id} 200']);
    expect(h.remoteUser(ADA)?.title).toBe('Engineer');
  });

  it('allow disable off: a user leaving scope stays active remotely; on: PATCHed to active false', async () => {
    const h = await start({ rules: [engineers], preferences: { allowDisable: false } });
    const id = await h.addUser(ADA, { title: 'Engineer' });
    await h.sync();
    await h.updateUser(id, { title: 'Manager' });
    h.simulator.requests.clear();

    await h.sync();
    expect(writesOf(h.simulator)).toEqual([]);
    expect(h.remoteUser(ADA)?.active).toBe(true);

    h.setPreferences({ allowDisable: true });
    const run = await h.sync();
    expect(run.counts).toMatchObject({ 'disable.succeeded': 1 });
    expect(h.remoteUser(ADA)?.active).toBe(false);
    expect(h.simulator.requests.matching({ method: 'PATCH' }).map((r) => r.body)).toEqual([
      expect.objectContaining({ Operations: [{ op: 'replace', path: 'active', value: false }] }),
    ]);
  });

  it('remove action delete: refused without allow deprovision, a DELETE with it; the link goes too', async () => {
    const h = await start({ rules: [engineers], preferences: { removeAction: 'delete' } });
    const id = await h.addUser(ADA, { title: 'Engineer' });
    await h.addUser(GRACE, { title: 'Engineer' });
    await h.sync();
    await h.updateUser(id, { title: 'Manager' });
    h.simulator.requests.clear();

    const refused = await h.sync();
    expect(refused.counts).toMatchObject({ 'planned.skip': 1 });
    expect(writesOf(h.simulator)).toEqual([]);

    h.setPreferences({ allowDeprovision: true });
    const deleted = await h.sync();
    expect(deleted.counts).toMatchObject({ 'delete.succeeded': 1 });
    expect(writesOf(h.simulator)).toEqual(['DELETE /Users/{id} 204']);
    expect([...h.remoteUsers().keys()]).toEqual([GRACE]);
    expect(await h.store.links.get('target', 'User', id)).toBeUndefined();
  });

  it('remove action delete also applies to a user deleted from the hub', async () => {
    const h = await start({ preferences: { removeAction: 'delete', allowDeprovision: true } });
    const id = await h.addUser(ADA);
    await h.addUser(GRACE);
    await h.sync();
    await h.store.hub.delete('User', id);
    await h.sync();
    expect([...h.remoteUsers().keys()]).toEqual([GRACE]);
  });

  it('provisioning disabled users: skipped by default, created inactive when enabled', async () => {
    const h = await start();
    await h.addUser(ADA, { active: false });
    const skipped = await h.sync();
    expect(skipped.counts).toMatchObject({ 'planned.skip': 1 });
    expect(h.simulator.store.users.size).toBe(0);

    h.setPreferences({ provisionDisabledUsers: true });
    await h.sync();
    expect(h.remoteUser(ADA)?.active).toBe(false);
    expect(createdBodies(h.simulator, '/Users')).toEqual([
      expect.objectContaining({ userName: ADA, active: false }),
    ]);
  });
});

describe('SCIM outbound: correlation by the user filter expression and identifier', () => {
  it('userName (the default): a user already on the target is linked and updated, not created', async () => {
    const h = await start();
    const existing = h.simulator.store.users.seed({ userName: ADA, title: 'Old title', active: true });
    await h.addUser(ADA, { title: 'Engineer' });
    const run = await h.sync();
    expect(run.counts).toMatchObject({ 'planned.link': 1 });
    expect(h.simulator.requests.matching({ method: 'POST' })).toEqual([]);
    expect(h.simulator.store.users.size).toBe(1);
    // The next run reads the linked user by id and brings it to the mapped values.
    await h.sync();
    expect(h.simulator.store.users.get(existing.id!)).toMatchObject({ userName: ADA, title: 'Engineer' });
    expect(
      (await h.store.links.get('target', 'User', (await h.store.hub.findByUserName(ADA))!.id))?.remoteId,
    ).toBe(existing.id);
  });

  it('work email: the user is found under another userName and renamed by the mapping', async () => {
    const h = await start({
      preferences: {
        userFilterExpression: 'emails[type eq "work" and value eq "%s"]',
        userIdentifier: 'emails[type eq "work"].value',
      },
    });
    const existing = h.simulator.store.users.seed({
      userName: 'alovelace',
      emails: [{ value: ADA, type: 'work' }],
    });
    h.simulator.store.users.seed({ userName: 'decoy', emails: [{ value: ADA, type: 'home' }] });
    await h.addUser(ADA);
    await h.sync();
    await h.sync();
    expect(h.simulator.store.users.size).toBe(2);
    expect(h.simulator.store.users.get(existing.id!)?.userName).toBe(ADA);
    expect(h.simulator.requests.matching({ method: 'GET', path: '/Users' })[0]?.query.filter).toBe(
      `emails[type eq "work" and value eq "${ADA}"]`,
    );
  });

  it('externalId, escaped: only the user with exactly that externalId is linked', async () => {
    const tricky = 'EMP"42\\ or userName pr';
    const h = await start({
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
    const twin = h.simulator.store.users.seed({ userName: 'someone.else@example.com', externalId: tricky });
    h.simulator.store.users.seed({ userName: 'decoy@example.com', externalId: 'EMP"43' });
    await h.addUser(ADA, { externalId: tricky });
    const run = await h.sync();
    expect(run.counts).toMatchObject({ 'planned.link': 1 });
    await h.sync();
    expect(h.simulator.store.users.size).toBe(2);
    expect(h.simulator.store.users.get(twin.id!)).toMatchObject({ userName: ADA, externalId: tricky });
  });

  it('two remote users matching is an error on that user: nothing is created or changed', async () => {
    const h = await start({
      preferences: { userFilterExpression: 'title eq "%s"', userIdentifier: 'title' },
    });
    h.simulator.store.users.seed({ userName: 'one@example.com', title: 'Engineer' });
    h.simulator.store.users.seed({ userName: 'two@example.com', title: 'Engineer' });
    const id = await h.addUser(ADA, { title: 'Engineer' });
    const run = await h.sync();
    expect(run.status).toBe('partial');
    expect(writesOf(h.simulator)).toEqual([]);
    expect(await h.store.links.get('target', 'User', id)).toMatchObject({ state: 'failed' });
  });
});

describe('SCIM outbound: extension schemas', () => {
  const custom = 'urn:example:params:scim:schemas:acme:hr:1.0:User';
  const rule = usersRule({
    mappings: [
      { target: 'userName', kind: 'direct', source: 'userName' },
      {
        target: `${ENTERPRISE_USER_SCHEMA}:department`,
        kind: 'direct',
        source: `${ENTERPRISE_USER_SCHEMA}:department`,
      },
      { target: `${custom}:badge`, kind: 'direct', source: 'externalId' },
    ],
  });

  it('sends enterprise and custom extension attributes under their URNs, and PATCHes an extension change', async () => {
    // The target supports the custom schema (a vendor's own attributes), as the connection says.
    const h = await start({
      rules: [rule],
      preferences: { customSchemaUrns: [custom] },
      target: {
        extensions: [
          {
            schema: { id: custom, name: 'HR', attributes: [defineAttribute('badge')] },
            resourceType: 'User',
          },
        ],
      },
    });
    const id = await h.addUser(ADA, { externalId: 'B-7', [ENTERPRISE_USER_SCHEMA]: { department: 'R&D' } });
    await h.sync();
    const [body] = createdBodies(h.simulator, '/Users');
    expect(body?.schemas).toEqual(expect.arrayContaining([ENTERPRISE_USER_SCHEMA, custom]));
    expect(body).toMatchObject({
      [ENTERPRISE_USER_SCHEMA]: { department: 'R&D' },
      [custom]: { badge: 'B-7' },
    });
    expect(h.remoteUser(ADA)).toMatchObject({ [ENTERPRISE_USER_SCHEMA]: { department: 'R&D' } });

    h.simulator.requests.clear();
    await h.updateUser(id, { [ENTERPRISE_USER_SCHEMA]: { department: 'Finance' } });
    await h.sync();
    expect(writesOf(h.simulator)).toEqual(['PATCH /Users/{id} 200']);
    expect(h.remoteUser(ADA)).toMatchObject({ [ENTERPRISE_USER_SCHEMA]: { department: 'Finance' } });

    // A change to the custom attribute alone is written too (the hub's registry does not know it).
    h.simulator.requests.clear();
    await h.updateUser(id, { externalId: 'B-8' });
    await h.sync();
    expect(writesOf(h.simulator)).toEqual(['PATCH /Users/{id} 200']);
    expect(h.remoteUser(ADA)).toMatchObject({ [custom]: { badge: 'B-8' } });
  });
});
