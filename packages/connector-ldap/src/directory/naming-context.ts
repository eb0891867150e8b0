import { ConnectorError } from '@idsync/core';
import { isWithin } from '../escape/distinguished-name.js';
import type { LdapClient } from '../ldap-client.js';

/** What the server says about the naming context idsync works in. */
export interface NamingContext {
  readonly dn: string;
  /** OpenLDAP (syncprov): the CSN of the last write, one per provider. */
  readonly contextCsns: readonly string[];
  /** OpenLDAP (accesslog overlay): where the writes to this context are logged. */
  readonly auditContext?: string;
  /** Active Directory's rootDSE `currentTime`. */
  readonly currentTime?: string;
}

/**
 * Reads the rootDSE and the naming context that holds `baseDn`. Servers differ in what they
 * publish; every field but `dn` may be missing, and callers fall back accordingly.
 */
export async function readNamingContext(client: LdapClient, baseDn: string): Promise<NamingContext> {
  const rootDse = await client.read('read the rootDSE', '', [
    'namingContexts',
    'currentTime',
    'defaultNamingContext',
  ]);
  const contexts = rootDse?.texts('namingContexts') ?? [];
  const dn =
    contexts.filter((context) => isWithin(baseDn, context)).sort((a, b) => b.length - a.length)[0] ?? baseDn;
  const entry = await client.read('read the naming context', dn, ['contextCSN', 'auditContext']);
  if (!entry) throw new ConnectorError('not-found', `The naming context ${dn} does not exist on the server.`);
  const auditContext = entry.text('auditContext');
  const currentTime = rootDse?.text('currentTime');
  return {
    dn,
    contextCsns: entry.texts('contextCSN'),
    ...(auditContext ? { auditContext } : {}),
    ...(currentTime ? { currentTime } : {}),
  };
}
