import { createRecordingContext, type RecordingContext } from '@idsync/connector-testkit';
import { validateConnectorConfig } from '@idsync/core';
import { startSlapd, type SlapdInstance, type StartSlapdOptions } from '@idsync/ldap';
import { Client } from 'ldapts';
import { LDAP_DEFINITION } from '../ldap-definition.js';
import type { LdapConnector } from '../ldap-connector.js';
import { LDAP_MANIFEST } from '../manifest.js';

/** A throwaway slapd, an admin client that goes around the connector, and connector factories. */
export interface TestDirectory {
  readonly ldap: SlapdInstance;
  /** Bound as the rootdn, straight to slapd: to seed and to check what the connector wrote. */
  readonly admin: Client;
  /** A connection config for this server; `overrides` replace or add settings. */
  config(overrides?: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /** A connector over `config(overrides)`, validated as the engine would. */
  connector(overrides?: Readonly<Record<string, unknown>>, context?: RecordingContext): LdapConnector;
  stop(): Promise<void>;
}

/**
 * The settings most tests use: the admin binds, users under ou=people with the RFC 2307
 * shadowAccount class, so that disabling can set shadowExpire (the test slapd loads no ppolicy
 * overlay, so pwdAccountLockedTime is not in its schema).
 */
export function baseConfig(ldap: SlapdInstance): Record<string, unknown> {
  return {
    urls: [ldap.url],
    bindDn: ldap.adminDN,
    bindPassword: ldap.adminPassword,
    baseDn: ldap.baseDN,
    userBaseDn: ldap.peopleDN,
    groupBaseDn: ldap.groupsDN,
    userObjectClasses: ['top', 'person', 'organizationalPerson', 'inetOrgPerson', 'shadowAccount'],
    emptyGroupMember: ldap.emptyGroupMemberDN,
    disableMode: 'status-attribute',
    statusAttribute: 'shadowExpire',
    disabledValue: '1',
  };
}

export async function startTestDirectory(options: StartSlapdOptions = {}): Promise<TestDirectory> {
  const ldap = await startSlapd(options);
  const admin = new Client({
    url: ldap.ldapsUrl ?? ldap.url,
    ...(ldap.caCertificatePem ? { tlsOptions: { ca: [ldap.caCertificatePem] } } : {}),
  });
  await admin.bind(ldap.adminDN, ldap.adminPassword);
  const config = (overrides: Readonly<Record<string, unknown>> = {}) => ({
    ...baseConfig(ldap),
    ...overrides,
  });
  const made: LdapConnector[] = [];
  return {
    ldap,
    admin,
    config,
    connector(overrides = {}, context = createRecordingContext()) {
      const connector = LDAP_DEFINITION.create(
        validateConnectorConfig(LDAP_MANIFEST, config(overrides)),
        context,
      ) as LdapConnector;
      made.push(connector);
      return connector;
    },
    async stop() {
      await Promise.all(made.map((connector) => connector.close()));
      await admin.unbind().catch(() => undefined);
      await ldap.stop();
    },
  };
}
