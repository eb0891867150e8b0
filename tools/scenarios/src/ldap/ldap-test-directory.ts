import { entriesToLdif, startSlapd, type SlapdInstance, type StartSlapdOptions } from '@idsync/ldap';
import { Attribute, Change, Client, type Entry } from 'ldapts';

/** One write slapd recorded in cn=accesslog, as the scenarios look at it. */
export interface LoggedWrite {
  /** `add`, `modify`, `modrdn` or `delete`. */
  readonly type: string;
  /** The DN the write was addressed to (before a rename). */
  readonly dn: string;
  /** For modifies: the attribute names the client changed (operational ones left out). */
  readonly attributes: readonly string[];
}

/** Attributes slapd adds to logged writes by itself: not something the client sent. */
const OPERATIONAL = new Set([
  'entrycsn',
  'modifiersname',
  'modifytimestamp',
  'creatorsname',
  'createtimestamp',
  'entryuuid',
  'structuralobjectclass',
]);

/**
 * A throwaway slapd for engine scenarios, an admin client that goes around idsync (to change the
 * directory "outside idsync" and to check what the connector wrote), and the accesslog read
 * back as a list of writes, which is how a scenario proves that a run wrote nothing.
 */
export class LdapTestDirectory {
  private constructor(
    readonly ldap: SlapdInstance,
    readonly admin: Client,
  ) {}

  /**
   * Starts slapd with `ou=disabled` (where the scenarios' connection moves disabled users) ahead
   * of the seed: the connector searches that container too, and seeded entries may live in it.
   * (Without it reads still work, but a disable would fail asking for createDisabledContainer.)
   */
  static async start(options: StartSlapdOptions = {}): Promise<LdapTestDirectory> {
    const seed = typeof options.seed === 'string' ? options.seed : entriesToLdif(options.seed ?? []);
    const ldap = await startSlapd({
      ...options,
      seed: ouLdif(`ou=disabled,${options.suffix ?? 'dc=example,dc=org'}`) + seed,
    });
    const admin = new Client({
      url: ldap.ldapsUrl ?? ldap.url,
      ...(ldap.caCertificatePem ? { tlsOptions: { ca: [ldap.caCertificatePem] } } : {}),
    });
    await admin.bind(ldap.adminDN, ldap.adminPassword);
    return new LdapTestDirectory(ldap, admin);
  }

  /** A DN under the suffix, e.g. `dn('uid=ann,ou=people')`. */
  dn(relative: string): string {
    return `${relative},${this.ldap.baseDN}`;
  }

  /** One entry by DN (all user attributes plus the operational ones named), or undefined. */
  async entry(dn: string, operational: readonly string[] = ['entryUUID']): Promise<Entry | undefined> {
    try {
      const { searchEntries } = await this.admin.search(dn, {
        scope: 'base',
        attributes: ['*', ...operational],
      });
      return searchEntries[0];
    } catch (error) {
      if (error instanceof Error && error.name === 'NoSuchObjectError') return undefined;
      throw error;
    }
  }

  /** Entries below `base` matching `filter`, paged so any number comes back. */
  async search(
    base: string,
    filter: string,
    attributes: readonly string[] = ['*', 'entryUUID'],
  ): Promise<Entry[]> {
    const { searchEntries } = await this.admin.search(base, {
      scope: 'sub',
      filter,
      attributes: [...attributes],
      paged: { pageSize: 1000 },
    });
    return searchEntries;
  }

  /** Sets an attribute of an entry to these values (none: removes it), as an administrator would. */
  async replace(dn: string, attribute: string, values: readonly string[]): Promise<void> {
    await this.admin.modify(
      dn,
      new Change({
        operation: 'replace',
        modification: new Attribute({ type: attribute, values: [...values] }),
      }),
    );
  }

  /** The member DNs of a group, without refint's placeholder, lower-cased and sorted. */
  async memberDns(groupDn: string): Promise<string[]> {
    const entry = await this.entry(groupDn);
    const values = ([] as unknown[])
      .concat(entry?.['member'] ?? [])
      .map((value) => String(value).toLowerCase());
    return values.filter((value) => value !== this.ldap.emptyGroupMemberDN.toLowerCase()).sort();
  }

  /**
   * Where the accesslog stands now (its newest record): pass it to `writesSince` to see what
   * came after. Read from the log itself because slapd's reqStart is not the wall clock to the
   * microsecond: its fraction is a counter that keeps records of one second unique.
   */
  async mark(): Promise<string> {
    const { searchEntries } = await this.admin.search(this.accessLog(), {
      scope: 'one',
      filter: '(objectClass=auditObject)',
      attributes: ['reqStart'],
      paged: { pageSize: 1000 },
    });
    return searchEntries.map((entry) => String(entry['reqStart'])).reduce((a, b) => (a > b ? a : b), '0');
  }

  /** Successful writes recorded after `mark` (from `mark()`), oldest first. */
  async writesSince(mark: string): Promise<LoggedWrite[]> {
    const { searchEntries } = await this.admin.search(this.accessLog(), {
      scope: 'one',
      filter: `(&(objectClass=auditWriteObject)(reqResult=0)(reqStart>=${mark})(!(reqStart=${mark})))`,
      attributes: ['reqStart', 'reqType', 'reqDN', 'reqMod'],
      paged: { pageSize: 1000 },
    });
    return searchEntries
      .map((entry) => ({
        start: String(entry['reqStart']),
        type: String(entry['reqType']),
        dn: String(entry['reqDN']),
        attributes: [
          ...new Set(
            ([] as unknown[])
              .concat(entry['reqMod'] ?? [])
              .map((mod) => String(mod).split(':')[0]!.toLowerCase())
              .filter((name) => !OPERATIONAL.has(name)),
          ),
        ].sort(),
      }))
      .sort((a, b) => a.start.localeCompare(b.start))
      .map(({ start: _start, ...write }) => write);
  }

  private accessLog(): string {
    if (!this.ldap.accessLogDN) throw new Error('This directory runs without the accesslog overlay.');
    return this.ldap.accessLogDN;
  }

  async stop(): Promise<void> {
    await this.admin.unbind().catch(() => undefined);
    await this.ldap.stop();
  }
}

/** An LDIF block for one inetOrgPerson below `container`. */
export function personLdif(
  container: string,
  uid: string,
  attributes: Readonly<Record<string, string>> = {},
): string {
  const lines = [
    `dn: uid=${uid},${container}`,
    'objectClass: inetOrgPerson',
    `uid: ${uid}`,
    `cn: ${attributes['cn'] ?? uid}`,
    `sn: ${attributes['sn'] ?? 'Tester'}`,
    ...Object.entries(attributes)
      .filter(([name]) => name !== 'cn' && name !== 'sn')
      .map(([name, value]) => `${name}: ${value}`),
  ];
  return lines.join('\n') + '\n\n';
}

/** An LDIF block for an organizational unit. */
export function ouLdif(dn: string): string {
  const ou = dn.slice(3, dn.indexOf(','));
  return `dn: ${dn}\nobjectClass: organizationalUnit\nou: ${ou}\n\n`;
}
