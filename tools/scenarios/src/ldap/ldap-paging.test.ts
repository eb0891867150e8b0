import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countingReads, type PageLog } from './counting-reads.js';
import { LdapEngine, writesOf } from './ldap-engine.js';
import { PERSON_MAPPINGS, ldapRule } from './ldap-rules.js';
import { LdapTestDirectory, personLdif } from './ldap-test-directory.js';

/*
 * 20,000 entries through the inbound engine: the connector reads them as paged searches
 * (RFC 2696), and the engine plans and applies them page by page. Durations go to the test
 * output; nothing asserts on them.
 */
const ENTRIES = 20_000;
const PAGE_SIZE = 500;

let directory: LdapTestDirectory;
let engine: LdapEngine;
let seedSeconds = 0;
let pages: PageLog;

beforeAll(async () => {
  const started = Date.now();
  const people = Array.from({ length: ENTRIES }, (_, i) =>
    personLdif('ou=people,dc=example,dc=org', `user${String(i).padStart(5, '0')}`, {
      displayName: `User ${i}`,
      mail: `user${i}@example.org`,
    }),
  );
  directory = await LdapTestDirectory.start({
    seed: people.join(''),
    // The directory's files on tmpfs, where slapd's syncs cost nothing: on disk, each add waits
    // for two of them (the entry and its accesslog record) and seeding takes minutes.
    ...(existsSync('/dev/shm') ? { parentDir: '/dev/shm' } : {}),
  });
  seedSeconds = (Date.now() - started) / 1000;
  engine = await LdapEngine.start(directory, {
    wrapConnector: (connector) => {
      const counting = countingReads(connector);
      pages = counting.log;
      return counting.connector;
    },
  });
}, 900_000);

afterAll(async () => {
  await engine?.close();
  await directory?.stop();
});

describe('20,000 entries', () => {
  it('a full inbound run pages through all of them and brings exactly 20,000 users into the hub', async () => {
    const started = Date.now();
    const run = await engine.pull([ldapRule('inbound', 'User', PERSON_MAPPINGS)], 'User');
    const runSeconds = (Date.now() - started) / 1000;
    console.log(
      `20k paging: seeding slapd took ${seedSeconds.toFixed(1)} s; the inbound full run took ${runSeconds.toFixed(1)} s ` +
        `(${Math.round(ENTRIES / runSeconds)} entries/s)`,
    );

    expect(run).toMatchObject({ status: 'succeeded', counts: { 'source.objects': ENTRIES } });
    expect(writesOf(run)).toEqual({ 'planned.create': ENTRIES, 'create.succeeded': ENTRIES });
    // The engine asked for pages of 500, and got them: 40 full pages, never one large answer.
    expect(pages.pages).toHaveLength(ENTRIES / PAGE_SIZE);
    expect(pages.pages.every((size) => size === PAGE_SIZE)).toBe(true);
    expect(await engine.store.hub.count('User')).toBe(ENTRIES);
    // First, last and one from the middle: every page was read, none twice.
    for (const userName of ['user00000', 'user10000', 'user19999']) {
      expect((await engine.store.hub.findByUserName(userName))?.resource.displayName).toBe(
        `User ${Number(userName.slice(4))}`,
      );
    }
  }, 900_000);
});
