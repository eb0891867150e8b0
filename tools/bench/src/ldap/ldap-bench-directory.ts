import { existsSync } from 'node:fs';
import { startSlapd, type SlapdInstance } from '@idsync/ldap';

/** What a benchmark stage needs to reach the directory; serialisable, so a child process can get it. */
export interface LdapBenchTarget {
  readonly url: string;
  readonly bindDn: string;
  readonly bindPassword: string;
  readonly baseDn: string;
  readonly userBaseDn: string;
  readonly groupBaseDn: string;
}

/** A seeded throwaway slapd and how long the seed took. */
export interface BenchDirectory {
  readonly target: LdapBenchTarget;
  readonly entries: number;
  /** ldapmodify adding every entry through the server, overlays included. */
  readonly seedSeconds: number;
  stop(): Promise<void>;
}

/** The uid of the i-th benchmark person: fixed width, so names sort as they were made. */
export const benchUid = (index: number): string => `bench${String(index).padStart(7, '0')}`;

/** Deterministic people: every attribute the inbound rule maps has a value. */
export function benchPeopleLdif(peopleDn: string, entries: number): string {
  const blocks: string[] = [];
  for (let i = 0; i < entries; i++) {
    const uid = benchUid(i);
    blocks.push(
      `dn: uid=${uid},${peopleDn}\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: Person ${i}\nsn: Number${i % 997}\n` +
        `givenName: Person\ndisplayName: Person ${i}\nmail: ${uid}@example.org\ntitle: Title ${i % 50}\n\n`,
    );
  }
  return blocks.join('');
}

/**
 * Starts slapd and adds `entries` people through the server with ldapmodify (so the accesslog,
 * syncprov and the indexes see every add, as they would see a real directory being filled).
 * The instance lives on tmpfs where there is one: slapd syncs each write (the entry and its
 * accesslog record), which on a disk makes seeding 100,000 entries take half an hour; the
 * figures are about reading, which tmpfs does not change much since the data is cached anyway.
 */
export async function startBenchDirectory(entries: number): Promise<BenchDirectory> {
  const started = process.hrtime.bigint();
  const ldap: SlapdInstance = await startSlapd({
    seed: benchPeopleLdif('ou=people,dc=example,dc=org', entries),
    ...(existsSync('/dev/shm') ? { parentDir: '/dev/shm' } : {}),
  });
  const seedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    target: {
      url: ldap.url,
      bindDn: ldap.adminDN,
      bindPassword: ldap.adminPassword,
      baseDn: ldap.baseDN,
      userBaseDn: ldap.peopleDN,
      groupBaseDn: ldap.groupsDN,
    },
    entries,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    stop: () => ldap.stop(),
  };
}

/** The connection settings for the target: the preset's defaults, users under ou=people. */
export function benchConnectionConfig(target: LdapBenchTarget, pageSize: number): Record<string, unknown> {
  return {
    urls: [target.url],
    bindDn: target.bindDn,
    bindPassword: target.bindPassword,
    baseDn: target.baseDn,
    userBaseDn: target.userBaseDn,
    groupBaseDn: target.groupBaseDn,
    pageSize,
    // The test slapd has no ppolicy overlay; status-attribute works on any schema.
    disableMode: 'status-attribute',
    statusAttribute: 'description',
  };
}
