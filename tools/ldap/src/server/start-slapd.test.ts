import { access, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Attribute,
  Change,
  Client,
  InvalidCredentialsError,
  NoSuchObjectError,
  SizeLimitExceededError,
  type Entry,
} from 'ldapts';

import { SlapdToolError } from '../errors/slapd-tool-error.js';
import { processExists } from '../install/install-lock.js';
import { eventually, processesMentioning } from '../testing/process-probe.js';
import { startSlapd, type SlapdInstance } from './start-slapd.js';

/** The first start on a fresh machine installs slapd with apt-get. */
const FIRST_START_TIMEOUT_MS = 180_000;

async function adminClient(instance: SlapdInstance): Promise<Client> {
  const client = new Client({ url: instance.url });
  await client.bind(instance.adminDN, instance.adminPassword);
  return client;
}

function values(entry: Entry | undefined, attribute: string): string[] {
  const value = entry?.[attribute];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

async function readEntry(client: Client, dn: string, attributes = ['*', '+']): Promise<Entry | undefined> {
  const { searchEntries } = await client
    .search(dn, { scope: 'base', attributes })
    .catch(() => ({ searchEntries: [] }));
  return searchEntries[0];
}

describe('startSlapd with default options', () => {
  let instance: SlapdInstance;
  let client: Client;

  beforeAll(async () => {
    instance = await startSlapd();
    client = await adminClient(instance);
  }, FIRST_START_TIMEOUT_MS);

  afterAll(async () => {
    await client?.unbind();
    await instance?.stop();
  });

  it('serves dc=example,dc=org with ou=people and ou=groups on a loopback URL', async () => {
    expect(instance.url).toBe(`ldap://127.0.0.1:${instance.port}`);
    expect(instance.baseDN).toBe('dc=example,dc=org');
    const { searchEntries } = await client.search(instance.baseDN, { scope: 'one', attributes: ['1.1'] });
    expect(searchEntries.map((entry) => entry.dn).sort()).toEqual([instance.groupsDN, instance.peopleDN]);
  });

  it('keeps the random admin password out of slapd.conf', async () => {
    expect(instance.adminPassword.length).toBeGreaterThanOrEqual(20);
    const config = await readFile(`${instance.dataDir}/slapd.conf`, 'utf8');
    expect(config).not.toContain(instance.adminPassword);
    expect(config).toMatch(/^rootpw \{SSHA\}/m);
  });

  it('refuses a bind with a wrong password', async () => {
    const other = new Client({ url: instance.url });
    await expect(other.bind(instance.adminDN, `${instance.adminPassword}x`)).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    await other.unbind();
  });

  it('maintains memberOf, removes a deleted person from groups (refint) and logs the delete', async () => {
    const alice = `uid=alice,${instance.peopleDN}`;
    const bob = `uid=bob,${instance.peopleDN}`;
    const staff = `cn=staff,${instance.groupsDN}`;
    const admins = `cn=admins,${instance.groupsDN}`;
    for (const [dn, uid] of [
      [alice, 'alice'],
      [bob, 'bob'],
    ] as const) {
      await client.add(dn, {
        objectClass: 'inetOrgPerson',
        uid,
        cn: uid,
        sn: uid,
        mail: `${uid}@example.org`,
      });
    }
    await client.add(staff, { objectClass: 'groupOfNames', cn: 'staff', member: [alice, bob] });
    await client.add(admins, { objectClass: 'groupOfNames', cn: 'admins', member: [alice] });

    const aliceBefore = await readEntry(client, alice);
    expect(values(aliceBefore, 'memberOf').sort()).toEqual([admins, staff]);
    const aliceUuid = values(aliceBefore, 'entryUUID')[0];
    expect(aliceUuid).toMatch(/^[0-9a-f-]{36}$/);

    await client.del(alice);

    await eventually(
      async () => values(await readEntry(client, staff), 'member').length === 1,
      'refint updates staff',
    );
    expect(values(await readEntry(client, staff), 'member')).toEqual([bob]);
    // admins lost its only member: refint puts the placeholder in, so the group stays valid.
    await eventually(
      async () => values(await readEntry(client, admins), 'member').includes(instance.emptyGroupMemberDN),
      'refint puts the placeholder into admins',
    );
    const adminsAfter = await readEntry(client, admins);
    expect(values(adminsAfter, 'objectClass')).toContain('groupOfNames');
    expect(values(adminsAfter, 'member')).toEqual([instance.emptyGroupMemberDN]);

    const { searchEntries: log } = await client.search(instance.accessLogDN!, {
      scope: 'one',
      filter: `(&(reqType=delete)(reqDN=${alice}))`,
      attributes: ['reqType', 'reqDN', 'reqOld'],
    });
    expect(log).toHaveLength(1);
    expect(values(log[0], 'reqOld')).toContain(`entryUUID: ${aliceUuid}`);
  });

  it('keeps entryUUID when an entry is renamed (modrdn)', async () => {
    const before = `uid=carol,${instance.peopleDN}`;
    const after = `uid=caroline,${instance.peopleDN}`;
    await client.add(before, { objectClass: 'inetOrgPerson', uid: 'carol', cn: 'Carol', sn: 'C' });
    const uuid = values(await readEntry(client, before), 'entryUUID')[0];
    await client.modifyDN(before, 'uid=caroline');
    expect(await readEntry(client, before)).toBeUndefined();
    expect(values(await readEntry(client, after), 'entryUUID')).toEqual([uuid]);
  });

  it('returns all 250 entries of a paged search, in pages of at most 50', async () => {
    const bulk = `ou=bulk,${instance.baseDN}`;
    await client.add(bulk, { objectClass: 'organizationalUnit', ou: 'bulk' });
    for (let i = 0; i < 250; i++) {
      await client.add(`uid=user${i},${bulk}`, {
        objectClass: 'inetOrgPerson',
        uid: `user${i}`,
        cn: `User ${i}`,
        sn: 'U',
      });
    }
    const pageSizes: number[] = [];
    const seen = new Set<string>();
    for await (const page of client.searchPaginated(bulk, {
      scope: 'one',
      filter: '(objectClass=inetOrgPerson)',
      attributes: ['uid'],
      paged: { pageSize: 50 },
    })) {
      pageSizes.push(page.searchEntries.length);
      for (const entry of page.searchEntries) seen.add(entry.dn);
    }
    expect(seen.size).toBe(250);
    expect(pageSizes.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...pageSizes)).toBeLessThanOrEqual(50);
  });
});

describe('startSlapd with tls: true', () => {
  let instance: SlapdInstance;

  beforeAll(async () => {
    instance = await startSlapd({ tls: true });
  }, FIRST_START_TIMEOUT_MS);

  afterAll(async () => {
    await instance?.stop();
  });

  it('serves ldaps:// with a certificate that verifies against the returned CA', async () => {
    expect(instance.ldapsUrl).toBe(`ldaps://127.0.0.1:${instance.ldapsPort}`);
    expect(instance.caCertificatePem).toContain('BEGIN CERTIFICATE');
    const client = new Client({ url: instance.ldapsUrl!, tlsOptions: { ca: [instance.caCertificatePem!] } });
    await client.bind(instance.adminDN, instance.adminPassword);
    const { searchEntries } = await client.search(instance.baseDN, { scope: 'base' });
    expect(searchEntries.map((entry) => entry.dn)).toEqual([instance.baseDN]);
    await client.unbind();
  });

  it('is not trusted without that CA, so verification is really on', async () => {
    const client = new Client({ url: instance.ldapsUrl!, connectTimeout: 5000 });
    await expect(client.bind(instance.adminDN, instance.adminPassword)).rejects.toThrow(/certificate/i);
    await client.unbind().catch(() => undefined);
  });

  it('upgrades the plain port with StartTLS', async () => {
    const client = new Client({ url: instance.url });
    await client.startTLS({ ca: [instance.caCertificatePem!] });
    await client.bind(instance.adminDN, instance.adminPassword);
    const { searchEntries } = await client.search(instance.peopleDN, { scope: 'base', attributes: ['ou'] });
    expect(values(searchEntries[0], 'ou')).toEqual(['people']);
    await client.unbind();
  });
});

describe('startSlapd with accessLog: false, a custom suffix, password and seed', () => {
  let instance: SlapdInstance;
  let client: Client;

  beforeAll(async () => {
    instance = await startSlapd({
      accessLog: false,
      suffix: 'o=Acme\\, Inc.',
      adminPassword: 'p@ss word',
      seed: [
        {
          dn: 'uid=zoe,ou=people,o=Acme\\, Inc.',
          attributes: {
            objectClass: 'inetOrgPerson',
            uid: 'zoe',
            cn: 'Zoë Ünïcode',
            sn: ' spaced ',
            userPassword: 'zoe-secret',
          },
        },
        {
          dn: 'uid=yan,ou=people,o=Acme\\, Inc.',
          attributes: {
            objectClass: 'inetOrgPerson',
            uid: 'yan',
            cn: 'Yan',
            sn: 'Y',
            userPassword: 'yan-secret',
          },
        },
        {
          dn: 'cn=team,ou=groups,o=Acme\\, Inc.',
          attributes: { objectClass: 'groupOfNames', cn: 'team', member: 'uid=zoe,ou=people,o=Acme\\, Inc.' },
        },
      ],
    });
    client = await adminClient(instance);
  }, FIRST_START_TIMEOUT_MS);

  afterAll(async () => {
    await client?.unbind();
    await instance?.stop();
  });

  it('uses the given suffix and password', () => {
    expect(instance.baseDN).toBe('o=Acme\\, Inc.');
    expect(instance.adminDN).toBe('cn=admin,o=Acme\\, Inc.');
    expect(instance.adminPassword).toBe('p@ss word');
  });

  it('has no accesslog database', async () => {
    expect(instance.accessLogDN).toBeUndefined();
    const { searchEntries } = await client.search('', { scope: 'base', attributes: ['namingContexts'] });
    // slapd reports DNs in its own escaping (hex for the comma): clients must compare DNs normalised.
    expect(values(searchEntries[0], 'namingContexts')).toEqual(['o=Acme\\2C Inc.']);
    const config = await readFile(`${instance.dataDir}/slapd.conf`, 'utf8');
    expect(config).not.toContain('accesslog');
  });

  it('added the seed through the server: values intact and memberOf maintained', async () => {
    const zoe = await readEntry(client, 'uid=zoe,ou=people,o=Acme\\, Inc.');
    expect(values(zoe, 'cn')).toEqual(['Zoë Ünïcode']);
    expect(values(zoe, 'sn')).toEqual([' spaced ']);
    expect(values(zoe, 'memberOf')).toEqual(['cn=team,ou=groups,o=Acme\\2C Inc.']);
  });

  it("lets a seeded person bind with their password and read others' entries, but not their passwords", async () => {
    const zoeDN = 'uid=zoe,ou=people,o=Acme\\, Inc.';
    const asZoe = new Client({ url: instance.url });
    await expect(asZoe.bind(zoeDN, 'wrong')).rejects.toBeInstanceOf(InvalidCredentialsError);
    await asZoe.bind(zoeDN, 'zoe-secret');
    const { searchEntries } = await asZoe.search(instance.peopleDN, {
      scope: 'one',
      filter: '(uid=yan)',
      attributes: ['uid', 'userPassword'],
    });
    expect(searchEntries).toHaveLength(1);
    expect(values(searchEntries[0], 'uid')).toEqual(['yan']);
    expect(values(searchEntries[0], 'userPassword')).toEqual([]);
    await asZoe.unbind();
    // Anonymous users may only bind: slapd does not even disclose that the entries exist.
    const anonymous = new Client({ url: instance.url });
    await expect(anonymous.search(instance.peopleDN, { scope: 'one' })).rejects.toBeInstanceOf(
      NoSuchObjectError,
    );
    await anonymous.unbind();
  });
});

describe('startSlapd with passwordPolicy, logSearches and limits', () => {
  let instance: SlapdInstance;
  let client: Client;
  const person = (uid: string) => `uid=${uid},ou=people,dc=example,dc=org`;
  const reader = (cn: string) => `cn=${cn},dc=example,dc=org`;

  beforeAll(async () => {
    const people = Array.from({ length: 520 }, (_, index) => ({
      dn: person(`p${index}`),
      attributes: { objectClass: 'inetOrgPerson', uid: `p${index}`, cn: `P ${index}`, sn: 'P' },
    }));
    instance = await startSlapd({
      passwordPolicy: true,
      logSearches: true,
      limits: [`dn.exact="${reader('unlimited')}" size.prtotal=unlimited`],
      seed: [
        ...['limited', 'unlimited'].map((cn) => ({
          dn: reader(cn),
          attributes: { objectClass: 'person', cn, sn: cn, userPassword: `${cn}-secret` },
        })),
        ...people,
        {
          dn: person('lee'),
          attributes: {
            objectClass: 'inetOrgPerson',
            uid: 'lee',
            cn: 'Lee',
            sn: 'L',
            userPassword: 'lee-secret',
          },
        },
      ],
    });
    client = await adminClient(instance);
  }, FIRST_START_TIMEOUT_MS);

  afterAll(async () => {
    await client?.unbind();
    await instance?.stop();
  });

  async function bindsAs(dn: string, password: string): Promise<boolean> {
    const other = new Client({ url: instance.url });
    try {
      await other.bind(dn, password);
      return true;
    } catch (error) {
      if (error instanceof InvalidCredentialsError) return false;
      throw error;
    } finally {
      await other.unbind().catch(() => undefined);
    }
  }

  it('creates the default policy, and pwdAccountLockedTime 000001010000Z locks an account until removed', async () => {
    expect(instance.passwordPolicyDN).toBe('cn=default,ou=policies,dc=example,dc=org');
    const policy = await readEntry(client, instance.passwordPolicyDN!);
    expect(values(policy, 'objectClass')).toContain('pwdPolicy');
    expect(values(policy, 'pwdLockout')).toEqual(['TRUE']);

    expect(await bindsAs(person('lee'), 'lee-secret')).toBe(true);
    await client.modify(
      person('lee'),
      new Change({
        operation: 'replace',
        modification: new Attribute({ type: 'pwdAccountLockedTime', values: ['000001010000Z'] }),
      }),
    );
    expect(
      values(await readEntry(client, person('lee'), ['pwdAccountLockedTime']), 'pwdAccountLockedTime'),
    ).toEqual(['000001010000Z']);
    expect(await bindsAs(person('lee'), 'lee-secret')).toBe(false);
    await client.modify(
      person('lee'),
      new Change({ operation: 'delete', modification: new Attribute({ type: 'pwdAccountLockedTime' }) }),
    );
    expect(await bindsAs(person('lee'), 'lee-secret')).toBe(true);
  });

  it('hashes cleartext passwords (ppolicy_hash_cleartext)', async () => {
    const lee = await readEntry(client, person('lee'), ['userPassword']);
    expect(values(lee, 'userPassword')[0]).toMatch(/^\{SSHA\}/);
  });

  it("keeps slapd's default size limit of 500 for a plain bind DN, and a limits line lifts it for one", async () => {
    const pagedCount = async (cn: string): Promise<number | Error> => {
      const other = new Client({ url: instance.url });
      await other.bind(reader(cn), `${cn}-secret`);
      try {
        let count = 0;
        for await (const page of other.searchPaginated(instance.baseDN, {
          filter: '(objectClass=*)',
          attributes: ['1.1'],
          paged: { pageSize: 10 },
        }))
          count += page.searchEntries.length;
        return count;
      } catch (error) {
        return error as Error;
      } finally {
        await other.unbind();
      }
    };
    // slapd's default (500) caps the total of a paged search for everyone but the rootdn…
    const limited = await pagedCount('limited');
    expect(limited).toBeInstanceOf(SizeLimitExceededError);
    // …and the limits line given for one DN lifts it: all 520 people, the 3 base entries,
    // the 2 readers, lee and the policy container and entry.
    expect(await pagedCount('unlimited')).toBe(520 + 3 + 2 + 1 + 2);
    const config = await readFile(`${instance.dataDir}/slapd.conf`, 'utf8');
    expect(config).toContain(`limits dn.exact="${reader('unlimited')}" size.prtotal=unlimited`);
  });

  it('records searches in the accesslog, one record per page', async () => {
    const marker = `(uid=search-marker-${Date.now()})`;
    await client.search(instance.peopleDN, { filter: marker, attributes: ['uid'] });
    await eventually(async () => {
      const { searchEntries } = await client.search(instance.accessLogDN!, {
        scope: 'one',
        filter: '(reqType=search)',
        attributes: ['reqFilter'],
      });
      return searchEntries.some((entry) => values(entry, 'reqFilter').includes(marker));
    }, 'the search appears in cn=accesslog');
  });
});

describe('several instances and stop()', () => {
  it(
    'runs two instances at once on their own ports and data, and stop() leaves no process and no folder',
    async () => {
      const [first, second] = await Promise.all([startSlapd(), startSlapd()]);
      try {
        expect(first.port).not.toBe(second.port);
        expect(first.dataDir).not.toBe(second.dataDir);
        const a = await adminClient(first);
        const b = await adminClient(second);
        await a.add(`uid=only-in-first,${first.peopleDN}`, { objectClass: 'account', uid: 'only-in-first' });
        expect(await readEntry(a, `uid=only-in-first,${first.peopleDN}`)).toBeDefined();
        expect(await readEntry(b, `uid=only-in-first,${second.peopleDN}`)).toBeUndefined();
        await a.unbind();
        await b.unbind();
      } finally {
        await Promise.all([first.stop(), second.stop()]);
      }
      for (const instance of [first, second]) {
        expect(processExists(instance.pid)).toBe(false);
        expect(await processesMentioning(instance.dataDir)).toEqual([]);
        await expect(access(instance.dataDir)).rejects.toThrow(/ENOENT/);
        await expect(instance.exited).resolves.toEqual({ code: 0, signal: null });
        await expect(instance.stop()).resolves.toBeUndefined();
      }
    },
    FIRST_START_TIMEOUT_MS,
  );

  it('refuses options that cannot work before starting anything', async () => {
    await expect(startSlapd({ accessLog: false, logSearches: true })).rejects.toMatchObject({
      code: 'invalid-option',
      detail: expect.stringMatching(/logSearches needs the accesslog/),
    });
    await expect(startSlapd({ limits: ['users size=10\nrootpw x'] })).rejects.toMatchObject({
      code: 'invalid-option',
      detail: expect.stringMatching(/line break/),
    });
  });

  it('cleans up after a failed start: a bad seed gives a typed error and leaves nothing behind', async () => {
    const parentDir = await mkdtemp(join(tmpdir(), 'idsync-failed-start-'));
    try {
      const error = await startSlapd({
        parentDir,
        seed: 'dn: uid=orphan,ou=nowhere,dc=example,dc=org\nobjectClass: account\nuid: orphan\n',
      }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(SlapdToolError);
      expect((error as SlapdToolError).code).toBe('seed-failed');
      expect((error as SlapdToolError).output).toMatch(/No such object/);
      expect(await readdir(parentDir)).toEqual([]);
      expect(await processesMentioning(parentDir)).toEqual([]);
    } finally {
      await rm(parentDir, { recursive: true, force: true });
    }
  });
});
