import {
  ConnectorError,
  type ConnectionCheck,
  type ConnectorContext,
  type TestConnectionResult,
} from '@idsync/core';
import type { LdapConfig } from '../config.js';
import type { EntryLocator } from '../directory/entry-locator.js';
import { readNamingContext } from '../directory/naming-context.js';
import { LdapClient } from '../ldap-client.js';
import { NoServerAvailable, type ConnectionStage } from './connection-failure.js';

const STAGES: readonly ConnectionStage[] = ['connect', 'tls', 'bind'];

const HINTS: Readonly<Record<ConnectionStage, string>> = {
  connect: 'Check config.urls (host, port) and that a firewall lets idsync through.',
  tls: 'Check config.caCertificate (the CA that signed the server certificate) and config.tlsServerName (the name in the certificate).',
  bind: 'Check config.bindDn and config.bindPassword.',
};

function tlsDescription(url: string, startTls: boolean): string {
  if (url.startsWith('ldaps:')) return 'LDAPS handshake done; the server certificate was verified.';
  if (startTls) return 'StartTLS done; the server certificate was verified.';
  return 'Not used: ldap:// without StartTLS sends the bind password unencrypted. Prefer ldaps:// or startTls: true.';
}

/** The stages up to the one that failed, each with what was seen at every URL tried. */
function failedStages(error: NoServerAvailable): ConnectionCheck[] {
  const furthest = error.furthest;
  if (!furthest) return [{ name: 'connect', ok: false, detail: 'config.urls lists no server to try.' }];
  const reached = STAGES.indexOf(furthest.stage);
  const passed = STAGES.slice(0, reached).map((stage) => ({
    name: stage,
    ok: true,
    detail: `Passed at ${furthest.url}.`,
  }));
  const tried = error.failures.map((failure) => failure.message).join('; ');
  return [...passed, { name: furthest.stage, ok: false, detail: `${tried}. ${HINTS[furthest.stage]}` }];
}

/**
 * Checks a connection in the order a person debugs it, stopping at the first failure: reach a
 * server (trying every URL), TLS, bind, then that each configured base DN exists and that the
 * user search works and returns entries with a stable id. A store problem is reported, never
 * thrown; details never contain the password.
 */
export async function testLdapConnection(
  config: LdapConfig,
  makeLocator: (client: LdapClient) => EntryLocator,
  log: ConnectorContext['log'],
): Promise<TestConnectionResult> {
  const client = new LdapClient(config.connection, log);
  const checks: ConnectionCheck[] = [];
  const done = () => ({ ok: checks.every((check) => check.ok), checks });
  try {
    let url: string;
    try {
      url = (await client.connect()).url;
    } catch (error) {
      if (!(error instanceof NoServerAvailable)) throw error;
      checks.push(...failedStages(error));
      return done();
    }
    checks.push(
      { name: 'connect', ok: true, detail: `Reached ${url}.` },
      { name: 'tls', ok: true, detail: tlsDescription(url, config.connection.startTls) },
      { name: 'bind', ok: true, detail: `Bound as ${config.connection.bindDn}.` },
    );
    const bases = [...new Set([config.baseDn, config.users.baseDn, config.groups.baseDn])];
    for (const base of bases) {
      const entry = await client.read(`read ${base}`, base, ['1.1']);
      if (!entry) {
        checks.push({
          name: 'base-dn',
          ok: false,
          detail: `${base} does not exist on ${url} (or ${config.connection.bindDn} may not see it). Check config.baseDn, config.userBaseDn and config.groupBaseDn.`,
        });
        return done();
      }
    }
    const { disabledContainerDn, createDisabledContainer } = config.disable;
    let containerNote = '';
    if (config.disable.mode === 'move-to-ou' && disabledContainerDn !== undefined) {
      const container = await client.read(`read ${disabledContainerDn}`, disabledContainerDn, ['1.1']);
      if (!container && !createDisabledContainer) {
        checks.push({
          name: 'base-dn',
          ok: false,
          detail: `${disabledContainerDn} (config.disabledContainerDn) does not exist on ${url}, so disabling a user would fail. Create it, or set config.createDisabledContainer to true.`,
        });
        return done();
      }
      containerNote = container
        ? `; ${disabledContainerDn} exists`
        : `; ${disabledContainerDn} does not exist yet and is created when the first user is disabled`;
    }
    checks.push({ name: 'base-dn', ok: true, detail: `${bases.join(', ')} exist${containerNote}.` });
    const locator = makeLocator(client);
    const [sample] = await client
      .search('search users', {
        base: config.users.baseDn,
        filter: config.users.filter,
        attributes: locator.attributesFor(config.users),
        sizeLimit: 1,
        ...(locator.binaryAttributes ? { binaryAttributes: locator.binaryAttributes } : {}),
      })
      .catch((error: unknown) => {
        if (error instanceof ConnectorError && error.remoteStatus === 4) return [];
        throw error;
      });
    if (sample && locator.idOf(sample) === undefined) {
      checks.push({
        name: 'search',
        ok: false,
        detail: `${sample.dn} has no ${config.preset.idAttribute}: check config.preset (this looks like another kind of directory).`,
      });
      return done();
    }
    checks.push({
      name: 'search',
      ok: true,
      detail: sample
        ? `Users found with ${config.users.filter}, identified by ${config.preset.idAttribute}.`
        : `The search ${config.users.filter} works but found no user yet.`,
    });
    const context = await readNamingContext(client, config.baseDn);
    const deletes =
      config.changes.deleteDetection === 'none'
        ? 'turned off'
        : context.auditContext || config.changes.accessLogDn
          ? `read from ${config.changes.accessLogDn ?? context.auditContext}`
          : 'not available (no accesslog announced): deletions are found by full reconciliation';
    checks.push({
      name: 'change-detection',
      ok: true,
      detail: `Changes are polled by ${config.preset.timestampAttribute}; deletions are ${deletes}.`,
    });
    return done();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    checks.push({ name: 'directory', ok: false, detail: message });
    return done();
  } finally {
    await client.close();
  }
}
