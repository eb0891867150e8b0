import {
  DEFAULT_CONNECTION_PREFERENCES,
  DEFAULT_DELETION_GUARD,
  DEFAULT_EXECUTION_SETTINGS,
  InboundReconciler,
  OutboundReconciler,
  validateConnectorConfig,
  type Connection,
  type Connector,
  type ConnectionPreferences,
  type ObjectType,
  type ProvisioningRule,
  type RunSummary,
} from '@idsync/core';
import { LDAP_DEFINITION, LDAP_MANIFEST } from '@idsync/connector-ldap';
import { createCoreRegistry, type ExtensionRegistration, type SchemaRegistry } from '@idsync/scim';
import { openStore, type IdsyncStore } from '@idsync/store';
import type { LdapTestDirectory } from './ldap-test-directory.js';

export const LDAP_CONNECTION_ID = 'ldap';

export interface LdapEngineOptions {
  /** Connector settings on top of `ldapConnectionConfig` (disable mode, attribute maps…). */
  readonly config?: Readonly<Record<string, unknown>>;
  readonly preferences?: Partial<ConnectionPreferences>;
  /** Custom schemas the hub knows besides the standard ones. */
  readonly extensions?: readonly ExtensionRegistration[];
  /** Wraps the connector the engine uses (to watch its calls); closing still closes the connector itself. */
  readonly wrapConnector?: (connector: Connector) => Connector;
  /** An open store to share (two connections on one hub); default a new PGlite in memory. */
  readonly store?: IdsyncStore;
}

/**
 * The settings of an OpenLDAP connection to a test directory: the admin binds, users below
 * ou=people, groups below ou=groups, and disabled users moved to ou=disabled (a mode the test
 * slapd supports without the ppolicy overlay). The directory seeds the container: without it,
 * reads still work, but disabling fails with `invalid` unless createDisabledContainer is set.
 */
export function ldapConnectionConfig(directory: LdapTestDirectory): Record<string, unknown> {
  const { ldap } = directory;
  return {
    urls: [ldap.ldapsUrl ?? ldap.url],
    ...(ldap.caCertificatePem ? { caCertificate: ldap.caCertificatePem } : {}),
    bindDn: ldap.adminDN,
    bindPassword: ldap.adminPassword,
    baseDn: ldap.baseDN,
    userBaseDn: ldap.peopleDN,
    groupBaseDn: ldap.groupsDN,
    emptyGroupMember: ldap.emptyGroupMemberDN,
    disableMode: 'move-to-ou',
    disabledContainerDn: directory.dn('ou=disabled'),
  };
}

/**
 * The whole engine against a real slapd: the hub (the real store), one LDAP connection made
 * the way the server makes it (the plugin's definition, settings validated against its
 * manifest), and both reconcilers. Nothing is faked.
 */
export class LdapEngine {
  readonly registry: SchemaRegistry;
  connection: Connection;
  /** What the engine calls: the connector, wrapped when `wrapConnector` was given. */
  readonly connector: Connector;
  private readonly unwrapped: Connector;
  private readonly inbound: InboundReconciler;
  private readonly outbound: OutboundReconciler;

  private constructor(
    readonly directory: LdapTestDirectory,
    readonly store: IdsyncStore,
    private readonly ownsStore: boolean,
    options: LdapEngineOptions,
  ) {
    this.registry = createCoreRegistry({ extensions: options.extensions ?? [] });
    const config = validateConnectorConfig(LDAP_MANIFEST, {
      ...ldapConnectionConfig(directory),
      ...options.config,
    });
    this.unwrapped = LDAP_DEFINITION.create(config, {
      connectionId: LDAP_CONNECTION_ID,
      log: () => undefined,
    });
    this.connector = options.wrapConnector?.(this.unwrapped) ?? this.unwrapped;
    this.connection = {
      id: LDAP_CONNECTION_ID,
      name: 'OpenLDAP',
      connectorId: LDAP_MANIFEST.id,
      config,
      preferences: { ...DEFAULT_CONNECTION_PREFERENCES, ...options.preferences },
      deletionGuard: DEFAULT_DELETION_GUARD,
      execution: { ...DEFAULT_EXECUTION_SETTINGS, requestsPerSecond: 100_000, burst: 100_000 },
    };
    this.inbound = new InboundReconciler({ stores: store, registry: this.registry, pageSize: 500 });
    this.outbound = new OutboundReconciler({ stores: store, registry: this.registry, pageSize: 100 });
  }

  static async start(directory: LdapTestDirectory, options: LdapEngineOptions = {}): Promise<LdapEngine> {
    const store = options.store ?? (await openStore({ dataDir: 'memory://', env: {} }));
    return new LdapEngine(directory, store, options.store === undefined, options);
  }

  /** LDAP → hub with the inbound rules among `rules`. */
  pull(
    rules: readonly ProvisioningRule[],
    objectType: ObjectType,
    mode: 'full' | 'incremental' = 'full',
  ): Promise<RunSummary> {
    return this.inbound.run({
      connection: this.connection,
      connector: this.connector,
      manifest: LDAP_MANIFEST,
      rules,
      objectType,
      mode,
    });
  }

  /** Hub → LDAP with the outbound rules among `rules`; `plan` stops before writing. */
  push(
    rules: readonly ProvisioningRule[],
    objectType: ObjectType,
    options: { mode?: 'full' | 'incremental'; plan?: boolean } = {},
  ): Promise<RunSummary> {
    return this.outbound.run({
      connection: this.connection,
      connector: this.connector,
      manifest: LDAP_MANIFEST,
      rules,
      objectType,
      mode: options.mode ?? 'full',
      dryRun: options.plan ?? false,
    });
  }

  /** Changes the connection's preferences (membership handling, remove action…) for later runs. */
  setPreferences(preferences: Partial<ConnectionPreferences>): void {
    this.connection = { ...this.connection, preferences: { ...this.connection.preferences, ...preferences } };
  }

  /** The remote id (entryUUID) this connection's link holds for a hub object. */
  async remoteIdOf(objectType: ObjectType, hubId: string): Promise<string | undefined> {
    return (await this.store.links.get(LDAP_CONNECTION_ID, objectType, hubId))?.remoteId;
  }

  async close(): Promise<void> {
    await this.unwrapped.close?.();
    if (this.ownsStore) await this.store.close();
  }
}

/** Counts a run planned or did, without the ones that change nothing (`source.objects`, confirms). */
export function writesOf(run: RunSummary): Record<string, number> {
  return Object.fromEntries(
    Object.entries(run.counts).filter(
      ([key, count]) =>
        count > 0 && key !== 'source.objects' && !key.startsWith('confirm') && key !== 'planned.confirm',
    ),
  );
}
