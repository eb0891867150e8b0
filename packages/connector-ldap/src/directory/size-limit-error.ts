import { ConnectorError } from '@idsync/core';
import type { ResultCodeError } from 'ldapts';
import { serverMessage } from './ldap-result.js';

/** sizeLimitExceeded and adminLimitExceeded: the server's limits, not the request, ended a search. */
export const LIMIT_RESULTS: ReadonlySet<number> = new Set([4, 11]);

/**
 * The error for a paged search the server's size limits cut short. A partial read must never
 * pass for a whole one (the engine would take the missing entries for deleted ones), so it
 * fails, naming the limit and the directive that lifts it for the bind DN.
 */
export function sizeLimitError(
  what: string,
  error: ResultCodeError,
  facts: { readonly delivered: number; readonly pageSize: number; readonly bindDn: string },
): ConnectorError {
  const name = error.code === 4 ? 'sizeLimitExceeded' : 'adminLimitExceeded';
  const text = serverMessage(error);
  return new ConnectorError(
    'forbidden',
    `${what}: the server ended the paged search after ${facts.delivered} entries (pages of ${facts.pageSize}) ` +
      `with ${name} (${error.code})${text ? `: ${text}` : ''}. A size limit applies to ${facts.bindDn}, and on ` +
      'OpenLDAP it also caps the total of a paged search (sizelimit, default 500). Lift it for this DN with the ' +
      `limits directive, e.g. \`limits dn.exact="${facts.bindDn}" size.prtotal=unlimited\` in slapd.conf ` +
      '(olcLimits in cn=config), or raise sizelimit; on Active Directory raise MaxResultSetSize / MaxPageSize.',
    { remoteStatus: error.code, remoteMessage: text, cause: error },
  );
}
