import type { ConnectorContext } from '@idsync/core';
import { Attribute, Change, ResultCodeError, type Client } from 'ldapts';
import type { ConnectionSettings } from './config.js';
import { openConnection, type OpenedConnection } from './connection/open-connection.js';
import { LdapEntry } from './directory/ldap-entry.js';
import { toWireFilter } from './escape/wire-filter.js';
import { LIMIT_RESULTS, sizeLimitError } from './directory/size-limit-error.js';
import { isConnectionLost, toConnectorError } from './directory/to-connector-error.js';

export type SearchScope = 'base' | 'one' | 'sub';

export interface SearchRequest {
  readonly base: string;
  readonly scope?: SearchScope;
  readonly filter?: string;
  readonly attributes?: readonly string[];
  /** Page with the simple paged results control (RFC 2696) at this size. */
  readonly pageSize?: number;
  readonly sizeLimit?: number;
  /** Attributes to always return as bytes (objectGUID). */
  readonly binaryAttributes?: readonly string[];
}

export type AttributeValues = readonly (string | Buffer)[];

export interface Modification {
  readonly operation: 'add' | 'delete' | 'replace';
  readonly attribute: string;
  readonly values: AttributeValues;
}

function attributeOf(type: string, values: AttributeValues): Attribute {
  const binary = values.some((value) => Buffer.isBuffer(value));
  return new Attribute({
    type,
    values: binary
      ? values.map((value) => (Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8')))
      : (values as string[]),
  });
}

/**
 * The connector's only way to the directory: one lazily opened, bound connection (with failover
 * across the configured URLs) shared by all operations, which LDAP multiplexes by message id.
 * When the connection breaks, the failing call reports `unavailable` and the next one opens a
 * fresh connection, starting again from the first URL. Every error leaves as a `ConnectorError`
 * that names the operation.
 */
export class LdapClient {
  private connection: Promise<OpenedConnection> | undefined;
  /** The largest page size the server accepted after refusing a larger one. */
  private pageCeiling: number | undefined;

  constructor(
    private readonly settings: ConnectionSettings,
    private readonly log: ConnectorContext['log'],
  ) {}

  /** The connection in use, opening one if needed; `url` says which server answered. */
  async connect(): Promise<OpenedConnection> {
    const snapshot = this.connection;
    const existing = await snapshot?.catch(() => undefined);
    if (this.connection !== snapshot) return this.connect(); // another call replaced it meanwhile
    if (existing?.client.isConnected) return existing;
    existing?.destroy();
    const opening = openConnection(this.settings);
    this.connection = opening;
    opening.then(
      (opened) =>
        this.log('debug', 'Connected to the directory', { url: opened.url, bindDn: this.settings.bindDn }),
      () => {
        if (this.connection === opening) this.connection = undefined;
      },
    );
    return opening;
  }

  private async using<T>(what: string, work: (client: Client) => Promise<T>): Promise<T> {
    let opened: OpenedConnection | undefined;
    try {
      opened = await this.connect();
      return await work(opened.client);
    } catch (error) {
      if (opened && isConnectionLost(error)) this.drop(opened);
      throw toConnectorError(error, what);
    }
  }

  private drop(opened: OpenedConnection): void {
    opened.destroy();
    void this.connection?.then(
      (current) => {
        if (current === opened) this.connection = undefined;
      },
      () => undefined,
    );
  }

  private options(request: SearchRequest) {
    return {
      scope: request.scope ?? 'sub',
      filter: toWireFilter(request.filter ?? '(objectClass=*)', request.binaryAttributes),
      ...(request.attributes ? { attributes: [...request.attributes] } : {}),
      ...(request.binaryAttributes ? { explicitBufferAttributes: [...request.binaryAttributes] } : {}),
      ...(request.sizeLimit !== undefined ? { sizeLimit: request.sizeLimit } : {}),
    } as const;
  }

  /**
   * A paged search: one array per page, the next page fetched only when the consumer asks for
   * it, so memory stays at one page however large the result.
   *
   * Servers limit page sizes (OpenLDAP's `size.pr`, AD's MaxPageSize) and refuse a larger page
   * with sizeLimitExceeded or adminLimitExceeded before sending anything. Then the search starts
   * again with half the page size, and the size that worked is kept for later searches. A limit
   * that strikes after entries were delivered (OpenLDAP's `size.prtotal`, 500 by default for
   * everyone but the rootdn) fails the search with an error naming the `limits` directive.
   */
  async *searchPages(what: string, request: SearchRequest): AsyncGenerator<LdapEntry[]> {
    const wanted = request.pageSize ?? 500;
    let pageSize = Math.min(wanted, this.pageCeiling ?? wanted);
    for (;;) {
      let opened: OpenedConnection | undefined;
      let delivered = 0;
      try {
        opened = await this.connect();
        const pages = opened.client.searchPaginated(request.base, {
          ...this.options(request),
          paged: { pageSize },
        });
        for await (const page of pages) {
          if (pageSize < wanted && this.pageCeiling !== pageSize) {
            this.pageCeiling = pageSize;
            this.log('info', 'The directory limits the page size; idsync uses smaller pages', { pageSize });
          }
          delivered += page.searchEntries.length;
          yield page.searchEntries.map((entry) => LdapEntry.fromSearch(entry));
        }
        return;
      } catch (error) {
        if (opened && isConnectionLost(error)) this.drop(opened);
        if (error instanceof ResultCodeError && LIMIT_RESULTS.has(error.code)) {
          if (delivered === 0 && pageSize > 1) {
            pageSize = Math.max(1, Math.floor(pageSize / 2));
            continue;
          }
          throw sizeLimitError(what, error, { delivered, pageSize, bindDn: this.settings.bindDn });
        }
        throw toConnectorError(error, what);
      }
    }
  }

  /** A search whose result is small by construction (a lookup, one batch of DNs); paged when `pageSize` is set. */
  async search(what: string, request: SearchRequest): Promise<LdapEntry[]> {
    if (request.pageSize !== undefined) {
      const entries: LdapEntry[] = [];
      for await (const page of this.searchPages(what, request)) entries.push(...page);
      return entries;
    }
    return this.using(what, async (client) => {
      const result = await client.search(request.base, this.options(request));
      return result.searchEntries.map((entry) => LdapEntry.fromSearch(entry));
    });
  }

  /** Reads one entry by DN; undefined when it does not exist. */
  async read(
    what: string,
    dn: string,
    attributes: readonly string[],
    binaryAttributes?: readonly string[],
  ): Promise<LdapEntry | undefined> {
    try {
      const [entry] = await this.search(what, {
        base: dn,
        scope: 'base',
        attributes,
        ...(binaryAttributes ? { binaryAttributes } : {}),
      });
      return entry;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'not-found') return undefined;
      throw error;
    }
  }

  add(what: string, dn: string, attributes: ReadonlyMap<string, AttributeValues>): Promise<void> {
    const list = [...attributes]
      .filter(([, values]) => values.length > 0)
      .map(([type, values]) => attributeOf(type, values));
    return this.using(what, (client) => client.add(dn, list));
  }

  modify(what: string, dn: string, modifications: readonly Modification[]): Promise<void> {
    if (modifications.length === 0) return Promise.resolve();
    const changes = modifications.map(
      (modification) =>
        new Change({
          operation: modification.operation,
          modification: attributeOf(modification.attribute, modification.values),
        }),
    );
    return this.using(what, (client) => client.modify(dn, changes));
  }

  /** modrdn: a new RDN (the old value removed) and, when `newParent` differs, a move. Both DNs in this package's escaping. */
  rename(what: string, dn: string, newRdn: string, newParent: string): Promise<void> {
    return this.using(what, (client) => client.modifyDN(dn, `${newRdn},${newParent}`));
  }

  delete(what: string, dn: string): Promise<void> {
    return this.using(what, (client) => client.del(dn));
  }

  async close(): Promise<void> {
    const opened = await this.connection?.catch(() => undefined);
    this.connection = undefined;
    if (opened) {
      await opened.client.unbind().catch(() => undefined);
      opened.destroy();
    }
  }
}
