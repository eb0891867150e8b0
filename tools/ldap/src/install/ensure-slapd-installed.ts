import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SlapdToolError } from '../errors/slapd-tool-error.js';
import { outputTail } from './command-runner.js';
import { systemInstallHost, type InstallHost } from './install-host.js';
import { withInstallLock, type InstallLockOptions } from './install-lock.js';

/** Absolute paths of the programs @idsync/ldap runs. */
export interface SlapdTools {
  readonly slapd: string;
  /** Also serves as ldapadd (`ldapmodify -a`). */
  readonly ldapmodify: string;
  /** Used to wait until slapd accepts a bind. */
  readonly ldapwhoami: string;
  /** Present when `openssl: true` was asked for. */
  readonly openssl?: string;
}

export interface EnsureSlapdInstalledOptions {
  /** Also make sure `openssl` is there (needed to generate certificates for `tls: true`). */
  readonly openssl?: boolean;
  /** Where concurrent installers serialise; defaults to a fixed name in the OS temp folder. */
  readonly lockPath?: string;
  readonly lock?: InstallLockOptions;
  /** The machine to inspect and change; tests pass a scripted one. */
  readonly host?: InstallHost;
}

/** Which Debian package brings each program. */
const DEBIAN_PACKAGE: Readonly<Record<string, string>> = {
  slapd: 'slapd',
  ldapmodify: 'ldap-utils',
  ldapwhoami: 'ldap-utils',
  openssl: 'openssl',
};

const APT_ENV = { DEBIAN_FRONTEND: 'noninteractive' };

export const DEFAULT_INSTALL_LOCK_PATH = join(tmpdir(), 'idsync-slapd-install.lock');

/**
 * Finds slapd, ldap-utils (and openssl when asked) and, when they are missing, installs Debian's
 * packages with apt-get, so that a fresh CI machine (where we run as root) needs no setup step.
 * Concurrent callers in other processes wait on a lock file instead of racing dpkg.
 * `apt-get update` runs only when the package lists are empty or the first install fails,
 * because it is the slow part and usually unnecessary.
 */
export async function ensureSlapdInstalled(options: EnsureSlapdInstalledOptions = {}): Promise<SlapdTools> {
  const host = options.host ?? systemInstallHost;
  const wanted = ['slapd', 'ldapmodify', 'ldapwhoami', ...(options.openssl ? ['openssl'] : [])];

  const first = await locate(host, wanted);
  if (first.missing.length === 0) return toTools(first.found);

  const packages = packagesFor(first.missing);
  if (!host.isRoot()) {
    throw notInstalled(first.missing, packages, 'this process is not root, so it cannot install them itself');
  }
  const aptGet = await host.findExecutable('apt-get');
  if (!aptGet) {
    throw notInstalled(
      first.missing,
      packages,
      'apt-get was not found, so they cannot be installed automatically',
    );
  }

  return withInstallLock(
    options.lockPath ?? DEFAULT_INSTALL_LOCK_PATH,
    async () => {
      // Another process may have installed everything while we waited for the lock.
      const again = await locate(host, wanted);
      if (again.missing.length === 0) return toTools(again.found);
      await aptInstall(host, aptGet, packagesFor(again.missing));
      const after = await locate(host, wanted);
      if (after.missing.length > 0) {
        throw new SlapdToolError(
          'install-failed',
          `apt-get installed ${packagesFor(again.missing).join(' ')} but ${after.missing.join(', ')} ` +
            'still cannot be found on PATH or in /usr/sbin. Check the installation by hand.',
        );
      }
      return toTools(after.found);
    },
    options.lock,
  );
}

async function locate(
  host: InstallHost,
  names: readonly string[],
): Promise<{ found: Map<string, string>; missing: string[] }> {
  const found = new Map<string, string>();
  const missing: string[] = [];
  for (const name of names) {
    const path = await host.findExecutable(name);
    if (path) found.set(name, path);
    else missing.push(name);
  }
  return { found, missing };
}

function toTools(found: Map<string, string>): SlapdTools {
  const openssl = found.get('openssl');
  return {
    slapd: found.get('slapd')!,
    ldapmodify: found.get('ldapmodify')!,
    ldapwhoami: found.get('ldapwhoami')!,
    ...(openssl ? { openssl } : {}),
  };
}

function packagesFor(programs: readonly string[]): string[] {
  return [...new Set(programs.map((program) => DEBIAN_PACKAGE[program] ?? program))];
}

function notInstalled(missing: readonly string[], packages: readonly string[], why: string): SlapdToolError {
  return new SlapdToolError(
    'not-installed',
    `${missing.join(', ')} not found (searched PATH and /usr/sbin), and ${why}. ` +
      `Install by hand: on Debian/Ubuntu \`sudo apt-get install -y ${packages.join(' ')}\`; ` +
      'on Fedora/RHEL the packages are openldap-servers and openldap-clients.',
  );
}

async function aptInstall(host: InstallHost, aptGet: string, packages: readonly string[]): Promise<void> {
  let updated = false;
  if (!(await host.hasPackageLists())) {
    await aptUpdate(host, aptGet);
    updated = true;
  }
  const installArgs = ['install', '-y', '--no-install-recommends', ...packages];
  let result = await host.runner.run(aptGet, installArgs, { env: APT_ENV });
  if (result.exitCode !== 0 && !updated) {
    // Usually "Unable to locate package" or a 404 from outdated lists: refresh and try once more.
    await aptUpdate(host, aptGet);
    result = await host.runner.run(aptGet, installArgs, { env: APT_ENV });
  }
  if (result.exitCode !== 0) {
    throw new SlapdToolError(
      'install-failed',
      `\`apt-get ${installArgs.join(' ')}\` failed with exit code ${String(result.exitCode)}. ` +
        `Install ${packages.join(' ')} by hand and run again.`,
      outputTail(result.stderr || result.stdout),
    );
  }
}

async function aptUpdate(host: InstallHost, aptGet: string): Promise<void> {
  const result = await host.runner.run(aptGet, ['update'], { env: APT_ENV });
  if (result.exitCode !== 0) {
    throw new SlapdToolError(
      'install-failed',
      `\`apt-get update\` failed with exit code ${String(result.exitCode)}, so slapd cannot be installed. ` +
        'Check the network and apt sources, or install slapd and ldap-utils by hand.',
      outputTail(result.stderr || result.stdout),
    );
  }
}
