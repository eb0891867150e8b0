import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

import { SlapdToolError } from '../errors/slapd-tool-error.js';
import type { CommandResult, RunOptions } from './command-runner.js';
import { ensureSlapdInstalled } from './ensure-slapd-installed.js';
import type { InstallHost } from './install-host.js';

/** Where each program lands once its Debian package is "installed" by the scripted apt-get. */
const PROGRAM_PATHS: Record<string, string> = {
  slapd: '/usr/sbin/slapd',
  ldapmodify: '/usr/bin/ldapmodify',
  ldapwhoami: '/usr/bin/ldapwhoami',
  openssl: '/usr/bin/openssl',
};
const PACKAGE_PROGRAMS: Record<string, string[]> = {
  slapd: ['slapd'],
  'ldap-utils': ['ldapmodify', 'ldapwhoami'],
  openssl: ['openssl'],
};

interface Call {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>> | undefined;
}

interface MachineScript {
  installed: string[];
  root?: boolean;
  aptGet?: boolean;
  packageLists?: boolean;
  /** Exit codes for successive `apt-get install` runs (default: all succeed). */
  installExitCodes?: number[];
  updateExitCode?: number;
  /** When false, a "successful" install does not actually bring the programs. */
  installWorks?: boolean;
  /** Time an install takes, to let concurrent callers overlap. */
  installMs?: number;
}

/** A pretend Debian machine: apt-get install makes the programs of the named packages appear. */
function scriptedMachine(script: MachineScript): { host: InstallHost; calls: Call[] } {
  const present = new Set(script.installed);
  const calls: Call[] = [];
  const installExitCodes = [...(script.installExitCodes ?? [])];
  const host: InstallHost = {
    findExecutable: async (name) => {
      if (name === 'apt-get') return script.aptGet === false ? undefined : '/usr/bin/apt-get';
      return present.has(name) ? PROGRAM_PATHS[name] : undefined;
    },
    isRoot: () => script.root ?? true,
    hasPackageLists: async () => script.packageLists ?? true,
    runner: {
      async run(command: string, args: readonly string[], options?: RunOptions): Promise<CommandResult> {
        calls.push({ command, args, env: options?.env });
        if (args[0] === 'update')
          return { exitCode: script.updateExitCode ?? 0, stdout: '', stderr: 'E: no network' };
        await sleep(script.installMs ?? 0);
        const exitCode = installExitCodes.shift() ?? 0;
        if (exitCode !== 0) return { exitCode, stdout: '', stderr: 'E: Unable to locate package slapd' };
        if (script.installWorks !== false) {
          for (const pkg of args.slice(3))
            for (const program of PACKAGE_PROGRAMS[pkg] ?? []) present.add(program);
        }
        return { exitCode: 0, stdout: 'Setting up slapd', stderr: '' };
      },
    },
  };
  return { host, calls };
}

const ALL = ['slapd', 'ldapmodify', 'ldapwhoami', 'openssl'];
const installCall = (...packages: string[]): Partial<Call> => ({
  command: '/usr/bin/apt-get',
  args: ['install', '-y', '--no-install-recommends', ...packages],
  env: { DEBIAN_FRONTEND: 'noninteractive' },
});
const updateCall: Partial<Call> = { command: '/usr/bin/apt-get', args: ['update'] };

let lockDir: string;
let lockPath: string;
beforeEach(async () => {
  lockDir = await mkdtemp(join(tmpdir(), 'idsync-install-test-'));
  lockPath = join(lockDir, 'install.lock');
});
afterEach(async () => {
  await rm(lockDir, { recursive: true, force: true });
});

async function failureOf(promise: Promise<unknown>): Promise<SlapdToolError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SlapdToolError);
  return error as SlapdToolError;
}

describe('ensureSlapdInstalled', () => {
  it('returns the paths without running anything when everything is installed', async () => {
    const { host, calls } = scriptedMachine({ installed: ALL });
    await expect(ensureSlapdInstalled({ host, lockPath, openssl: true })).resolves.toEqual({
      slapd: '/usr/sbin/slapd',
      ldapmodify: '/usr/bin/ldapmodify',
      ldapwhoami: '/usr/bin/ldapwhoami',
      openssl: '/usr/bin/openssl',
    });
    expect(calls).toEqual([]);
  });

  it('does not ask for openssl unless TLS needs it', async () => {
    const { host, calls } = scriptedMachine({ installed: ['slapd', 'ldapmodify', 'ldapwhoami'] });
    const tools = await ensureSlapdInstalled({ host, lockPath });
    expect(tools.openssl).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('installs slapd and ldap-utils non-interactively, without apt-get update when lists exist', async () => {
    const { host, calls } = scriptedMachine({ installed: ['openssl'] });
    const tools = await ensureSlapdInstalled({ host, lockPath });
    expect(tools.slapd).toBe('/usr/sbin/slapd');
    expect(calls).toEqual([installCall('slapd', 'ldap-utils')]);
  });

  it('installs only the package that is missing', async () => {
    const { host, calls } = scriptedMachine({ installed: ['slapd'] });
    await ensureSlapdInstalled({ host, lockPath, openssl: true });
    expect(calls).toEqual([installCall('ldap-utils', 'openssl')]);
  });

  it('runs apt-get update first when the package lists are empty', async () => {
    const { host, calls } = scriptedMachine({ installed: [], packageLists: false });
    await ensureSlapdInstalled({ host, lockPath });
    expect(calls).toMatchObject([updateCall, installCall('slapd', 'ldap-utils')]);
  });

  it('refreshes the lists and retries once when the first install fails', async () => {
    const { host, calls } = scriptedMachine({ installed: [], installExitCodes: [100] });
    const tools = await ensureSlapdInstalled({ host, lockPath });
    expect(tools.ldapwhoami).toBe('/usr/bin/ldapwhoami');
    expect(calls).toMatchObject([
      installCall('slapd', 'ldap-utils'),
      updateCall,
      installCall('slapd', 'ldap-utils'),
    ]);
  });

  it('reports apt-get output when the install fails even after an update', async () => {
    const { host, calls } = scriptedMachine({ installed: [], installExitCodes: [100, 100] });
    const error = await failureOf(ensureSlapdInstalled({ host, lockPath }));
    expect(error.code).toBe('install-failed');
    expect(error.detail).toContain('slapd ldap-utils');
    expect(error.output).toContain('Unable to locate package');
    expect(calls).toHaveLength(3);
  });

  it('reports a failed apt-get update', async () => {
    const { host } = scriptedMachine({ installed: [], packageLists: false, updateExitCode: 100 });
    const error = await failureOf(ensureSlapdInstalled({ host, lockPath }));
    expect(error.code).toBe('install-failed');
    expect(error.detail).toContain('apt-get update');
    expect(error.output).toContain('no network');
  });

  it('refuses to install when not root, naming the command to run by hand', async () => {
    const { host, calls } = scriptedMachine({ installed: ['ldapmodify', 'ldapwhoami'], root: false });
    const error = await failureOf(ensureSlapdInstalled({ host, lockPath }));
    expect(error.code).toBe('not-installed');
    expect(error.detail).toContain('not root');
    expect(error.detail).toContain('apt-get install -y slapd');
    expect(calls).toEqual([]);
  });

  it('explains that apt-get is missing on a non-Debian machine', async () => {
    const { host, calls } = scriptedMachine({ installed: [], aptGet: false });
    const error = await failureOf(ensureSlapdInstalled({ host, lockPath }));
    expect(error.code).toBe('not-installed');
    expect(error.detail).toContain('apt-get was not found');
    expect(error.detail).toContain('openldap-servers');
    expect(calls).toEqual([]);
  });

  it('fails clearly when the install succeeds but a program is still missing', async () => {
    const { host } = scriptedMachine({ installed: [], installWorks: false });
    const error = await failureOf(ensureSlapdInstalled({ host, lockPath }));
    expect(error.code).toBe('install-failed');
    expect(error.detail).toContain('slapd, ldapmodify, ldapwhoami');
  });

  it('installs once when several callers find slapd missing at the same time', async () => {
    const { host, calls } = scriptedMachine({ installed: [], installMs: 100 });
    const results = await Promise.all(
      [1, 2, 3].map(() => ensureSlapdInstalled({ host, lockPath, lock: { pollMs: 10 } })),
    );
    expect(results.map((tools) => tools.slapd)).toEqual([
      '/usr/sbin/slapd',
      '/usr/sbin/slapd',
      '/usr/sbin/slapd',
    ]);
    expect(calls).toEqual([installCall('slapd', 'ldap-utils')]);
  });
});
