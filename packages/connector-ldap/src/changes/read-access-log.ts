import { ConnectorError } from '@idsync/core';
import type { LdapConfig } from '../config.js';
import type { LdapEntry } from '../directory/ldap-entry.js';
import { formatDn, isWithin, parseDn } from '../escape/distinguished-name.js';
import { allOf, anyOf, atLeast, atMost, equalTo } from '../escape/ldap-filter.js';
import type { ObjectLayout } from '../layout/object-layout.js';
import type { LdapClient } from '../ldap-client.js';
import { changeHash, type DeleteState } from './change-token.js';
import { entryMatchesFilter, parseEntryLines } from './entry-matches-filter.js';
import { formatGeneralizedTime, parseGeneralizedTime } from './generalized-time.js';

/** Remote ids that left the layout's scope, and the state that resumes after them. */
export interface DeleteBatch {
  readonly ids: readonly string[];
  readonly state: DeleteState;
}

const RECORD_ATTRIBUTES = [
  'reqStart',
  'reqType',
  'reqDN',
  'reqEntryUUID',
  'reqOld',
  'reqNewRDN',
  'reqNewSuperior',
];

/**
 * Reads deletions from OpenLDAP's accesslog (slapo-accesslog): successful `delete` records, and
 * `modrdn` records that moved an entry out of the searched subtrees. The deleted entry's
 * entryUUID comes from `reqEntryUUID` (or the `reqOld` copy of the entry); its type is decided
 * by where it was and by evaluating the type's filter against `reqOld`. Like the timestamp
 * poll, the state keeps a floor in whole seconds and the records already reported at or after
 * it, looking `overlapSeconds` back for records written late.
 */
export class AccessLogReader {
  constructor(
    private readonly client: LdapClient,
    private readonly config: LdapConfig,
  ) {}

  private at(seconds: number): string {
    return formatGeneralizedTime(seconds);
  }

  /** Whether the log holds any record at or before `seconds`. */
  async hasRecordUpTo(logDn: string, seconds: number): Promise<boolean> {
    const found = await this.client
      .search('read the accesslog', {
        base: logDn,
        scope: 'one',
        filter: atMost('reqStart', this.at(seconds)),
        attributes: ['1.1'],
        sizeLimit: 1,
      })
      .catch((error: unknown) => {
        if (error instanceof ConnectorError && error.remoteStatus === 4) return [undefined];
        throw error;
      });
    return found.length > 0;
  }

  /**
   * Refuses a checkpoint the log no longer covers: slapd purges old records (logpurge), and once
   * the records after our floor are gone, deletions may have been lost.
   */
  async assertCovers(state: DeleteState): Promise<void> {
    const what = `the accesslog ${state.logDn}`;
    let covered: boolean;
    try {
      covered =
        !state.hadHistory ||
        (await this.hasRecordUpTo(state.logDn, state.floor + this.config.changes.overlapSeconds));
    } catch (error) {
      if (error instanceof ConnectorError && error.code === 'not-found') {
        throw new ConnectorError(
          'invalid',
          `${what} no longer exists, so deletions since the checkpoint cannot be read. Run a full reconciliation.`,
          { cause: error },
        );
      }
      throw error;
    }
    if (!covered) {
      throw new ConnectorError(
        'invalid',
        `${what} was purged past this checkpoint (no record left from ${this.at(state.floor)} or before), so deletions may have been lost. Run a full reconciliation.`,
      );
    }
  }

  private deletedId(record: LdapEntry, layout: ObjectLayout): string | undefined {
    const dn = record.text('reqDN');
    if (!dn || !layout.searchBases.some((base) => isWithin(dn, base))) return undefined;
    const old = parseEntryLines(record.texts('reqOld'));
    if (record.text('reqType')?.toLowerCase() === 'modrdn') {
      const [, ...parent] = parseDn(dn);
      const newRdn = record.text('reqNewRDN');
      if (!newRdn) return undefined;
      const newDn = `${newRdn},${record.text('reqNewSuperior') ?? formatDn(parent)}`;
      if (layout.searchBases.some((base) => isWithin(newDn, base))) return undefined; // still in scope: the poll sees it
    } else if (old.size > 0 && !entryMatchesFilter(layout.filter, old)) {
      return undefined;
    }
    const id = record.text('reqEntryUUID') ?? old.get('entryuuid')?.[0];
    return id?.toLowerCase();
  }

  /** Deletions since `from`, in batches of at most `maxChangesPerBatch` ids. */
  async *read(layout: ObjectLayout, from: DeleteState): AsyncGenerator<DeleteBatch> {
    const filter = allOf(
      anyOf(equalTo('objectClass', 'auditDelete'), equalTo('objectClass', 'auditModRDN')),
      equalTo('reqResult', '0'),
      atLeast('reqStart', this.at(from.floor)),
    );
    const seen = new Set(from.seen);
    const records: { id: string | undefined; hash: string; time: number; isNew: boolean }[] = [];
    const pages = this.client.searchPages('read deletions from the accesslog', {
      base: from.logDn,
      scope: 'one',
      filter,
      attributes: RECORD_ATTRIBUTES,
      pageSize: this.config.pageSize,
    });
    for await (const page of pages) {
      for (const record of page) {
        const start = record.text('reqStart') ?? '';
        const hash = changeHash(start);
        const isNew = !seen.has(hash);
        records.push({
          id: isNew ? this.deletedId(record, layout) : undefined,
          hash,
          time: parseGeneralizedTime(start) ?? from.floor,
          isNew,
        });
      }
    }
    const reported = records.filter(({ isNew }) => isNew);
    const newest = records.reduce((max, { time }) => Math.max(max, time), from.floor - 1);
    const floor = Math.max(from.floor, newest + 1 - this.config.changes.overlapSeconds);
    const final: DeleteState = {
      ...from,
      floor,
      hadHistory: from.hadHistory || records.length > 0,
      seen: records.filter(({ time }) => time >= floor).map(({ hash }) => hash),
    };
    const size = this.config.changes.maxChangesPerBatch;
    if (reported.length <= size) {
      yield { ids: [...new Set(reported.flatMap(({ id }) => (id ? [id] : [])))], state: final };
      return;
    }
    const done = new Set(from.seen);
    for (let index = 0; index < reported.length; index += size) {
      const chunk = reported.slice(index, index + size);
      chunk.forEach(({ hash }) => done.add(hash));
      const last = index + size >= reported.length;
      yield {
        ids: [...new Set(chunk.flatMap(({ id }) => (id ? [id] : [])))],
        state: last ? final : { ...from, seen: [...done] },
      };
    }
  }
}
