import { rmSync } from 'node:fs';
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SlapdToolError } from '../errors/slapd-tool-error.js';
import { ensureSlapdInstalled, type EnsureSlapdInstalledOptions } from '../install/ensure-slapd-installed.js';
import { findExecutable } from '../install/find-executable.js';
import { spawnCommandRunner, outputTail } from '../install/command-runner.js';
import { baseEntries } from '../ldif/base-entries.js';
import { entriesToLdif } from '../ldif/entries-to-ldif.js';
import type { LdapEntry } from '../ldif/ldap-entry.js';
import { generateAdminPassword, sshaHash } from './admin-password.js';
import { runOnProcessExit } from './exit-cleanup.js';
import { launchSlapd, type LaunchedSlapd } from './launch-slapd.js';
import type { SlapdExit } from './slapd-process.js';
import { ACCESS_LOG_SUFFIX, renderSlapdConfig, type PasswordPolicyConfig } from './slapd-config.js';
import { findSlapdLayout } from './slapd-layout.js';
import { ppolicySchemaIsSeparate, readSlapdVersion } from './slapd-version.js';
import { createTlsMaterial, type TlsMaterial } from './tls-material.js';

export interface StartSlapdOptions {
  /** Naming context of the directory; its first RDN must be dc=, o= or ou=. Default `dc=example,dc=org`. */
  readonly suffix?: string;
  /** Admin (rootdn) password; random when omitted. Never logged. */
  readonly adminPassword?: string;
  /** Also serve ldaps:// on a second port and StartTLS, with a CA generated for this instance. */
  readonly tls?: boolean;
  /** Record writes in `cn=accesslog` (default true). False tests a client's path for servers without it. */
  readonly accessLog?: boolean;
  /**
   * Load the ppolicy overlay (password policy), with a default policy entry
   * `cn=default,ou=policies,<suffix>` that locks accounts (`pwdLockout`) and hashes cleartext
   * passwords. Then `pwdAccountLockedTime` exists, and an account carrying it cannot bind.
   */
  readonly passwordPolicy?: boolean;
  /** Also record searches in the accesslog (`reqType=search`), so a test can count them. Default false. */
  readonly logSearches?: boolean;
  /**
   * Extra `limits` directives for the main database, without the keyword, e.g.
   * `dn.exact="cn=reader,dc=example,dc=org" size.prtotal=unlimited`. Everyone but the admin has
   * slapd's default size limit of 500 otherwise.
   */
  readonly limits?: readonly string[];
  /** Added after the base entries, through the server so overlays see it: LDIF text or entries. */
  readonly seed?: string | readonly LdapEntry[];
  /** How long to wait for slapd to accept a bind (default 20 s; a first-time install is not counted). */
  readonly startTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL (default 5 s). */
  readonly stopGraceMs?: number;
  /** Folder in which the instance's own temp folder is created (default: the OS temp folder). */
  readonly parentDir?: string;
  /** Passed to ensureSlapdInstalled (lock file path, a scripted host in tests). */
  readonly install?: Omit<EnsureSlapdInstalledOptions, 'openssl'>;
}

/** A running throwaway directory server. */
export interface SlapdInstance {
  /** `ldap://127.0.0.1:PORT` (plain, and StartTLS when tls was asked for). */
  readonly url: string;
  readonly port: number;
  /** `ldaps://127.0.0.1:PORT2` when tls was asked for. */
  readonly ldapsUrl?: string;
  readonly ldapsPort?: number;
  /** The CA that signed the server certificate: pass it as `ca` in the client's TLS options. */
  readonly caCertificatePem?: string;
  /** The same CA as a file (inside dataDir), e.g. for `LDAPTLS_CACERT` with the OpenLDAP tools. */
  readonly caCertificateFile?: string;
  readonly baseDN: string;
  /** `ou=people,<baseDN>` and `ou=groups,<baseDN>`, created at start. */
  readonly peopleDN: string;
  readonly groupsDN: string;
  /** `cn=accesslog` when the accesslog overlay is on; readable by the admin. */
  readonly accessLogDN?: string;
  /** The default password policy entry, when `passwordPolicy` was asked for. */
  readonly passwordPolicyDN?: string;
  /** What refint puts in a groupOfNames whose last member was deleted (it must keep one member). */
  readonly emptyGroupMemberDN: string;
  readonly adminDN: string;
  readonly adminPassword: string;
  /** The instance's temp folder (config, databases); removed by stop(). */
  readonly dataDir: string;
  /** slapd's process id. */
  readonly pid: number;
  /** Settles when slapd exits, whether through stop() or not (a crash, a kill from outside). */
  readonly exited: Promise<SlapdExit>;
  /** Stops slapd (SIGTERM, then SIGKILL after the grace period), waits for it and removes dataDir. Idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_SUFFIX = 'dc=example,dc=org';

/**
 * Starts a fresh OpenLDAP slapd on 127.0.0.1 for one test suite or demo, installing slapd first
 * when the machine lacks it. Each instance has its own temp folder, ports and data, so several
 * can run at once (Jest workers) and none depends on a system-wide slapd.
 */
export async function startSlapd(options: StartSlapdOptions = {}): Promise<SlapdInstance> {
  const suffix = options.suffix ?? DEFAULT_SUFFIX;
  if (/[\r\n]/.test(suffix)) {
    throw new SlapdToolError('invalid-option', `The suffix ${JSON.stringify(suffix)} contains a line break.`);
  }
  const base = baseEntries(suffix); // also validates the suffix before anything is spent on it
  const tls = options.tls ?? false;
  const accessLog = options.accessLog ?? true;
  const stopGraceMs = options.stopGraceMs ?? 5000;
  const adminDN = `cn=admin,${suffix}`;
  const adminPassword = options.adminPassword ?? generateAdminPassword();
  const emptyGroupMemberDN = `cn=empty-group-placeholder,${suffix}`;
  const passwordPolicy = options.passwordPolicy ?? false;
  const logSearches = options.logSearches ?? false;
  if (logSearches && !accessLog) {
    throw new SlapdToolError('invalid-option', 'logSearches needs the accesslog; leave accessLog on.');
  }
  for (const limit of options.limits ?? []) {
    if (/[\r\n]/.test(limit) || limit.trim() === '') {
      throw new SlapdToolError(
        'invalid-option',
        `The limits line ${JSON.stringify(limit)} is empty or contains a line break.`,
      );
    }
  }

  const tools = await ensureSlapdInstalled({ ...options.install, openssl: tls });
  const layout = await findSlapdLayout();
  const policy = passwordPolicy
    ? await passwordPolicySetup(tools.slapd, layout.schemaPath, suffix)
    : undefined;
  const setpriv = await findExecutable('setpriv');

  const dataDir = await mkdtemp(join(options.parentDir ?? tmpdir(), 'idsync-slapd-'));
  let launched: LaunchedSlapd | undefined;
  try {
    await mkdir(join(dataDir, 'data'));
    if (accessLog) await mkdir(join(dataDir, 'accesslog'));
    const passwordFile = join(dataDir, 'admin.password');
    await writeFile(passwordFile, adminPassword, { mode: 0o600 });
    let tlsMaterial: TlsMaterial | undefined;
    if (tls) {
      await mkdir(join(dataDir, 'tls'), { mode: 0o700 });
      tlsMaterial = await createTlsMaterial(spawnCommandRunner, tools.openssl!, join(dataDir, 'tls'));
    }
    const configFile = join(dataDir, 'slapd.conf');
    const config = renderSlapdConfig({
      dataDir,
      layout,
      suffix,
      adminDN,
      adminPasswordHash: sshaHash(adminPassword),
      emptyGroupMemberDN,
      accessLog,
      logSearches,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(policy ? { passwordPolicy: policy.config } : {}),
      ...(tlsMaterial ? { tls: tlsMaterial } : {}),
    });
    await writeFile(configFile, config, { mode: 0o600 });

    launched = await launchSlapd({
      tools,
      setpriv,
      dataDir,
      configFile,
      adminDN,
      passwordFile,
      ldaps: tls,
      timeoutMs: options.startTimeoutMs ?? 20_000,
      stopGraceMs,
    });
    if (tlsMaterial) {
      const check = await launched.client.bind(tlsMaterial.caCertificateFile);
      if (check.exitCode !== 0) {
        throw new SlapdToolError(
          'tls-failed',
          'slapd started, but a StartTLS bind verifying the generated CA failed.',
          outputTail(`${check.stderr}\n--- slapd ---\n${launched.process.stderr}`),
        );
      }
    }
    await launched.client.apply(entriesToLdif(base), `the base entries (${suffix}, ou=people, ou=groups)`);
    if (policy) await launched.client.apply(entriesToLdif(policy.entries), 'the default password policy');
    if (options.seed !== undefined) {
      const ldif = typeof options.seed === 'string' ? options.seed : entriesToLdif(options.seed);
      await launched.client.apply(ldif, 'the seed');
    }
    await rm(passwordFile); // only the start-up checks needed it in clear

    return instanceHandle(launched, {
      baseDN: suffix,
      adminDN,
      adminPassword,
      emptyGroupMemberDN,
      dataDir,
      stopGraceMs,
      accessLog,
      tlsMaterial,
      passwordPolicyDN: policy?.config.defaultPolicyDN,
    });
  } catch (error) {
    await launched?.process.stop(stopGraceMs);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

interface HandleFacts {
  readonly baseDN: string;
  readonly adminDN: string;
  readonly adminPassword: string;
  readonly emptyGroupMemberDN: string;
  readonly dataDir: string;
  readonly stopGraceMs: number;
  readonly accessLog: boolean;
  readonly tlsMaterial: TlsMaterial | undefined;
  readonly passwordPolicyDN: string | undefined;
}

/**
 * The ppolicy overlay's configuration and its default policy entry. Up to OpenLDAP 2.4 the
 * schema is a separate file; from 2.5 the overlay brings it, and the old file would clash.
 */
async function passwordPolicySetup(
  slapd: string,
  schemaPath: string,
  suffix: string,
): Promise<{ config: PasswordPolicyConfig; entries: LdapEntry[] }> {
  const version = await readSlapdVersion(spawnCommandRunner, slapd);
  let schemaFile: string | undefined;
  if (ppolicySchemaIsSeparate(version)) {
    schemaFile = join(schemaPath, 'ppolicy.schema');
    try {
      await access(schemaFile);
    } catch {
      throw new SlapdToolError(
        'start-failed',
        `OpenLDAP ${version.major}.${version.minor} needs ${schemaFile} for the password policy, and it is missing. ` +
          'Reinstall the slapd package, or start without passwordPolicy.',
      );
    }
  }
  const policies = `ou=policies,${suffix}`;
  const defaultPolicyDN = `cn=default,${policies}`;
  return {
    config: { defaultPolicyDN, ...(schemaFile ? { schemaFile } : {}) },
    entries: [
      { dn: policies, attributes: { objectClass: ['top', 'organizationalUnit'], ou: 'policies' } },
      {
        dn: defaultPolicyDN,
        attributes: {
          objectClass: ['top', 'device', 'pwdPolicy'],
          cn: 'default',
          pwdAttribute: 'userPassword',
          pwdLockout: 'TRUE',
        },
      },
    ],
  };
}

function instanceHandle(launched: LaunchedSlapd, facts: HandleFacts): SlapdInstance {
  const { process: slapd, port, ldapsPort } = launched;
  const { dataDir, baseDN, tlsMaterial } = facts;
  const forget = runOnProcessExit(() => {
    slapd.killNow();
    rmSync(dataDir, { recursive: true, force: true });
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await slapd.stop(facts.stopGraceMs);
      forget();
      await rm(dataDir, { recursive: true, force: true });
    })());

  return {
    url: `ldap://127.0.0.1:${port}`,
    port,
    ...(ldapsPort !== undefined && tlsMaterial
      ? {
          ldapsUrl: `ldaps://127.0.0.1:${ldapsPort}`,
          ldapsPort,
          caCertificatePem: tlsMaterial.caCertificatePem,
          caCertificateFile: tlsMaterial.caCertificateFile,
        }
      : {}),
    baseDN,
    peopleDN: `ou=people,${baseDN}`,
    groupsDN: `ou=groups,${baseDN}`,
    ...(facts.accessLog ? { accessLogDN: ACCESS_LOG_SUFFIX } : {}),
    ...(facts.passwordPolicyDN ? { passwordPolicyDN: facts.passwordPolicyDN } : {}),
    emptyGroupMemberDN: facts.emptyGroupMemberDN,
    adminDN: facts.adminDN,
    adminPassword: facts.adminPassword,
    dataDir,
    pid: slapd.pid,
    exited: slapd.exited,
    stop,
  };
}
