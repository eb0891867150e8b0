import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProvisioningRule } from '@idsync/core';
import { HrConnection } from './hr-connection.js';
import { LdapEngine, writesOf } from './ldap-engine.js';
import { PERSON_MAPPINGS, direct, ldapRule } from './ldap-rules.js';
import { LdapTestDirectory } from './ldap-test-directory.js';

/*
 * Two-way sync between LDAP and another connection, without ping-pong. HR (the testkit's
 * reference store) owns who people are: HR → hub → LDAP. LDAP owns the work phone number
 * (telephoneNumber), which people edit in the directory: LDAP → hub → HR. Ownership on the LDAP
 * connection, which has rules both ways, is declared with `authority`. After each change has
 * travelled, further incremental rounds in every direction change nothing anywhere.
 */
const PEOPLE = 'ou=people,dc=example,dc=org';
const PHONE = 'phoneNumbers[type eq "work"].value';

let directory: LdapTestDirectory;
let engine: LdapEngine;
let hr: HrConnection;

const hrIn: ProvisioningRule = {
  id: 'hr-in',
  name: 'HR feeds the hub',
  direction: 'inbound',
  connectionId: 'hr',
  objectType: 'User',
  enabled: true,
  scope: {},
  mappings: [...PERSON_MAPPINGS, { kind: 'constant', target: 'active', value: true }],
};
const hrOut: ProvisioningRule = {
  ...hrIn,
  id: 'hr-out',
  name: 'Phones back to HR',
  direction: 'outbound',
  mappings: [direct(PHONE)],
};
// The hub writes everything but the phone to LDAP; LDAP writes only the phone to the hub.
const ldapOut = ldapRule('outbound', 'User', [...PERSON_MAPPINGS, direct(PHONE)], {
  authority: { [PHONE]: 'remote' },
});
const ldapIn = ldapRule('inbound', 'User', [direct('userName'), direct(PHONE)], {
  authority: { userName: 'hub' },
});
const rules = [hrIn, hrOut, ldapOut, ldapIn];

beforeAll(async () => {
  directory = await LdapTestDirectory.start();
  engine = await LdapEngine.start(directory);
  hr = new HrConnection(engine.store, engine.registry);
}, 180_000);

afterAll(async () => {
  await engine?.close();
  await directory?.stop();
});

const hubUser = async (userName: string) => {
  const user = await engine.store.hub.findByUserName(userName);
  if (!user) throw new Error(`no hub user ${userName}`);
  return user;
};
const hrPhone = (userName: string) =>
  (
    hr.hr.findByName('User', userName)?.attributes['phoneNumbers'] as
      { type?: string; value: string }[] | undefined
  )?.find((p) => p.type === 'work')?.value;

/** One round of every direction, incremental: HR → hub, hub → LDAP, LDAP → hub, hub → HR. */
async function round() {
  const runs = {
    hrIn: await hr.pull(rules, 'incremental'),
    ldapOut: await engine.push(rules, 'User', { mode: 'incremental' }),
    ldapIn: await engine.pull(rules, 'User', 'incremental'),
    hrOut: await hr.push(rules, 'incremental'),
  };
  for (const run of Object.values(runs))
    expect(run).toMatchObject({ mode: 'incremental', status: 'succeeded' });
  return runs;
}

describe('two-way between LDAP and HR', () => {
  it('refuses the LDAP rules when an attribute flows both ways without an owner', async () => {
    const run = await engine.pull([ldapOut, { ...ldapIn, authority: {} }], 'User');
    expect(run.status).toBe('failed');
    expect(run.reason).toMatch(/"userName" is written to connection "ldap".*read back/);
  });

  it('brings HR people to LDAP without writing the phone LDAP owns', async () => {
    hr.hr.insert('User', {
      attributes: {
        userName: 'ada',
        displayName: 'Ada Lovelace',
        name: { givenName: 'Ada', familyName: 'Lovelace' },
        title: 'Analyst',
        emails: [{ type: 'work', value: 'ada@example.org' }],
      },
    });
    hr.hr.insert('User', {
      attributes: {
        userName: 'grace',
        displayName: 'Grace Hopper',
        name: { givenName: 'Grace', familyName: 'Hopper' },
        title: 'Admiral',
        emails: [{ type: 'work', value: 'grace@example.org' }],
      },
    });
    expect(writesOf(await hr.pull(rules, 'full'))).toMatchObject({ 'create.succeeded': 2 });
    // The hub already has a phone for ada (say, entered by an administrator): the hub does not own it, so it stays out of LDAP.
    const ada = await hubUser('ada');
    await engine.store.hub.replace('User', ada.id, {
      ...ada.resource,
      phoneNumbers: [{ type: 'work', value: '+1 555 0000' }],
    });

    expect(writesOf(await engine.push(rules, 'User'))).toEqual({
      'planned.create': 2,
      'create.succeeded': 2,
    });
    const entry = await directory.entry(`uid=ada,${PEOPLE}`);
    expect(entry).toMatchObject({ uid: 'ada', displayName: 'Ada Lovelace', title: 'Analyst' });
    expect(entry?.['telephoneNumber']).toBeUndefined();
    // The directory team fills in the phones; the first read of LDAP replaces the administrator's.
    await directory.replace(`uid=ada,${PEOPLE}`, 'telephoneNumber', ['+1 555 0100']);
    await directory.replace(`uid=grace,${PEOPLE}`, 'telephoneNumber', ['+1 555 0200']);
    const ldapIn = await engine.pull(rules, 'User', 'full');
    expect(ldapIn.status).toBe('succeeded');
    expect(writesOf(ldapIn)).toEqual({ 'planned.update': 2, 'update.succeeded': 2 });
    expect((await hubUser('ada')).resource.phoneNumbers).toEqual([{ type: 'work', value: '+1 555 0100' }]);
    hr.hr.faults.resetCounts();
    expect(await hr.push(rules, 'full')).toMatchObject({
      status: 'succeeded',
      counts: { 'update.succeeded': 2 },
    });
    expect([hrPhone('ada'), hrPhone('grace')]).toEqual(['+1 555 0100', '+1 555 0200']);
    expect(hr.writes()).toBe(2);
  });

  it('a phone changed in LDAP reaches the hub and HR, and LDAP is not written back', async () => {
    await directory.replace(`uid=ada,${PEOPLE}`, 'telephoneNumber', ['+1 555 0101']);
    const mark = await directory.mark();
    hr.hr.faults.resetCounts();
    const runs = await round();
    expect(writesOf(runs.ldapIn)).toEqual({ 'planned.update': 1, 'update.succeeded': 1 });
    expect((await hubUser('ada')).resource.phoneNumbers).toEqual([{ type: 'work', value: '+1 555 0101' }]);
    expect(hrPhone('ada')).toBe('+1 555 0101');
    expect(hr.writes()).toBe(1);
    expect(await directory.writesSince(mark)).toEqual([]);
  });

  it('a title changed in HR reaches LDAP once, and the echo changes nothing in the hub', async () => {
    const grace = hr.hr.findByName('User', 'grace')!;
    hr.hr.modify('User', grace.remoteId, { title: 'Rear Admiral' });
    const mark = await directory.mark();
    const before = (await hubUser('grace')).version;
    hr.hr.faults.resetCounts();
    const runs = await round();
    expect(writesOf(runs.hrIn)).toEqual({ 'planned.update': 1, 'update.succeeded': 1 });
    expect(writesOf(runs.ldapOut)).toEqual({ 'planned.update': 1, 'update.succeeded': 1 });
    // LDAP reports grace's entry as changed (idsync's own write); it holds nothing new for the hub.
    expect(runs.ldapIn.counts['source.objects']).toBeGreaterThanOrEqual(1);
    expect(writesOf(runs.ldapIn)).toEqual({});
    expect((await hubUser('grace')).version).toBe(before + 1);
    expect(await directory.writesSince(mark)).toEqual([
      { type: 'modify', dn: `uid=grace,${PEOPLE}`, attributes: ['title'] },
    ]);
    expect(hr.writes()).toBe(0);
  });

  it('further incremental rounds in every direction change nothing anywhere', async () => {
    const versions = async () =>
      Promise.all(['ada', 'grace'].map(async (name) => (await hubUser(name)).version));
    const before = await versions();
    const mark = await directory.mark();
    hr.hr.faults.resetCounts();
    for (let i = 0; i < 3; i++) {
      for (const run of Object.values(await round())) expect(writesOf(run)).toEqual({});
    }
    expect(await versions()).toEqual(before);
    expect(await directory.writesSince(mark)).toEqual([]);
    expect(hr.writes()).toBe(0);
    // Full runs agree: everything is in step.
    for (const run of [
      await hr.pull(rules, 'full'),
      await engine.push(rules, 'User'),
      await engine.pull(rules, 'User', 'full'),
      await hr.push(rules, 'full'),
    ]) {
      expect(run).toMatchObject({ mode: 'full', status: 'succeeded' });
      expect(writesOf(run)).toEqual({});
    }
    expect(await directory.writesSince(mark)).toEqual([]);
  });
});
