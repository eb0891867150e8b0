import { ConnectorError, type ChangeBatch, type ConnectorContext, type ObjectType } from '@idsync/core';
import { Observable } from 'rxjs';
import type { LdapConfig } from '../config.js';
import type { EntryLocator } from '../directory/entry-locator.js';
import { readNamingContext } from '../directory/naming-context.js';
import { dnKey, sameDn } from '../escape/distinguished-name.js';
import type { ObjectLayout } from '../layout/object-layout.js';
import type { LdapClient } from '../ldap-client.js';
import {
  changeHash,
  decodeChangeToken,
  encodeChangeToken,
  type ChangeToken,
  type DeleteState,
  type PollState,
} from './change-token.js';
import { parseGeneralizedTime } from './generalized-time.js';
import type { UpsertPoller } from './poll-upserts.js';
import type { AccessLogReader } from './read-access-log.js';

/**
 * Incremental change detection (ChangesOp). The checkpoint is a token the engine stores (see
 * `change-token.ts`); each call resumes from it and ends with a batch covering everything up to
 * now. Deletions come from the accesslog when the server has one the bind DN can read; the
 * token says `reconcile` otherwise, and deletions are then left to full reconciliation.
 */
export class ChangeFeed {
  constructor(
    private readonly client: LdapClient,
    private readonly config: LdapConfig,
    private readonly locator: EntryLocator,
    private readonly upserts: UpsertPoller,
    private readonly accessLog: AccessLogReader,
    private readonly log: ConnectorContext['log'],
  ) {}

  private scopeOf(layout: ObjectLayout): string {
    return changeHash(
      this.config.preset.id,
      layout.type,
      layout.filter,
      ...layout.searchBases.map((base) => dnKey(base)),
    );
  }

  /**
   * The server's "now", from the server itself so that client clock skew cannot lose changes:
   * OpenLDAP's contextCSN (the last write), Active Directory's currentTime, or else the newest
   * timestamp among the entries.
   */
  private async serverNow(layout: ObjectLayout): Promise<{ seconds: number; auditContext?: string }> {
    const context = await readNamingContext(this.client, this.config.baseDn);
    const auditContext = context.auditContext ? { auditContext: context.auditContext } : {};
    const csnTimes = context.contextCsns
      .map(parseGeneralizedTime)
      .filter((time): time is number => time !== undefined);
    if (csnTimes.length > 0) return { seconds: Math.max(...csnTimes), ...auditContext };
    const current = context.currentTime ? parseGeneralizedTime(context.currentTime) : undefined;
    if (current !== undefined) return { seconds: current, ...auditContext };
    let newest = 0;
    for (const base of layout.searchBases) {
      const pages = this.client.searchPages('find the newest change', {
        base,
        filter: layout.filter,
        attributes: [this.config.preset.timestampAttribute],
        pageSize: this.config.pageSize,
      });
      try {
        for await (const page of pages) {
          for (const entry of page)
            newest = Math.max(
              newest,
              parseGeneralizedTime(entry.text(this.config.preset.timestampAttribute) ?? '') ?? 0,
            );
        }
      } catch (error) {
        // The disabled container may not exist yet; the type's own base must.
        const missing = error instanceof ConnectorError && error.code === 'not-found';
        if (!missing || sameDn(base, layout.baseDn)) throw error;
      }
    }
    return { seconds: newest, ...auditContext };
  }

  /** The accesslog to read deletions from, or undefined when deletions are left to full reconciliation. */
  private async deleteLog(auditContext: string | undefined): Promise<string | undefined> {
    const { deleteDetection, accessLogDn } = this.config.changes;
    if (deleteDetection === 'none') return undefined;
    const logDn =
      accessLogDn ?? auditContext ?? (deleteDetection === 'accesslog' ? 'cn=accesslog' : undefined);
    if (logDn === undefined) return undefined;
    try {
      await this.client.search('read the accesslog', {
        base: logDn,
        scope: 'one',
        filter: '(objectClass=*)',
        attributes: ['1.1'],
        sizeLimit: 1,
      });
      return logDn;
    } catch (error) {
      const sizeLimited = error instanceof ConnectorError && error.remoteStatus === 4;
      if (sizeLimited) return logDn;
      if (deleteDetection === 'accesslog') throw error;
      this.log('warn', 'The accesslog cannot be read; deletions will be found by full reconciliation only', {
        accessLogDn: logDn,
        reason: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    }
  }

  async latestToken(type: ObjectType): Promise<string> {
    const layout = this.locator.layoutOf(type);
    const now = await this.serverNow(layout);
    const start = Math.max(0, now.seconds - this.config.changes.overlapSeconds);
    // Absorb what changed in the last seconds: "now" must not replay it.
    let upserts: PollState = { floor: start, seen: [] };
    for await (const batch of this.upserts.poll(layout, upserts)) upserts = batch.state;
    const logDn = await this.deleteLog(now.auditContext);
    let deletes: DeleteState | undefined;
    if (logDn !== undefined) {
      deletes = {
        floor: start,
        seen: [],
        logDn,
        hadHistory: await this.accessLog.hasRecordUpTo(logDn, now.seconds),
      };
      for await (const batch of this.accessLog.read(layout, deletes)) deletes = batch.state;
    } else {
      this.log(
        'info',
        'Incremental changes will not include deletions (the token says "reconcile"); schedule full reconciliations',
        { type },
      );
    }
    return encodeChangeToken({ type, scope: this.scopeOf(layout), upserts, ...(deletes ? { deletes } : {}) });
  }

  changesSince(type: ObjectType, token: string): Observable<ChangeBatch> {
    return new Observable<ChangeBatch>((subscriber) => {
      void (async () => {
        try {
          const layout = this.locator.layoutOf(type);
          const checkpoint: ChangeToken = decodeChangeToken(token, type, this.scopeOf(layout));
          let deletes = checkpoint.deletes;
          let upserts = checkpoint.upserts;
          const encode = () => encodeChangeToken({ ...checkpoint, upserts, ...(deletes ? { deletes } : {}) });
          if (deletes) {
            await this.accessLog.assertCovers(deletes);
            for await (const batch of this.accessLog.read(layout, deletes)) {
              if (subscriber.closed) return;
              deletes = batch.state;
              if (batch.ids.length > 0)
                subscriber.next({
                  changes: batch.ids.map((remoteId) => ({ kind: 'delete', type, remoteId })),
                  token: encode(),
                });
            }
          }
          for await (const batch of this.upserts.poll(layout, upserts)) {
            if (subscriber.closed) return;
            upserts = batch.state;
            subscriber.next({
              changes: batch.objects.map((object) => ({ kind: 'upsert', object })),
              token: encode(),
            });
          }
          subscriber.complete();
        } catch (error) {
          subscriber.error(error);
        }
      })();
    });
  }
}
