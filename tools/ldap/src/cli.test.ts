import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { describe, expect, it } from '@jest/globals';
import { Client } from 'ldapts';

import { parseStartArguments } from './cli.js';
import { processExists } from './install/install-lock.js';
import { eventually, processesMentioning } from './testing/process-probe.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'idsync-ldap.js');
const FIRST_START_TIMEOUT_MS = 180_000;

interface Started {
  readonly cli: ChildProcessWithoutNullStreams;
  readonly summary: Record<string, string>;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs the real command as a person would (`node tools/ldap/bin/idsync-ldap.js start …`, Node's
 * type stripping, no build) and reads the JSON line it prints once slapd is up.
 */
async function startCli(args: string[]): Promise<Started> {
  const cli = spawn(process.execPath, [BIN, 'start', ...args], { stdio: 'pipe' });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    cli.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stderr = '';
  cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: cli.stdout });
  const firstLine = await Promise.race([
    new Promise<string>((resolve) => lines.once('line', resolve)),
    exit.then((how) => {
      throw new Error(`the CLI exited (${JSON.stringify(how)}) before printing: ${stderr}`);
    }),
  ]);
  return { cli, summary: JSON.parse(firstLine) as Record<string, string>, exit };
}

describe('idsync-ldap start (run from source with type stripping)', () => {
  it(
    'prints how to connect, serves TLS with the CA file it names, and cleans up on SIGTERM',
    async () => {
      const { cli, summary, exit } = await startCli(['--tls']);
      const pid = Number(summary['pid']);
      expect(summary).toMatchObject({ baseDN: 'dc=example,dc=org', adminDN: 'cn=admin,dc=example,dc=org' });
      expect(summary['url']).toMatch(/^ldap:\/\/127\.0\.0\.1:\d+$/);

      const client = new Client({
        url: summary['ldapsUrl']!,
        tlsOptions: { ca: [await readFile(summary['caCertificateFile']!, 'utf8')] },
      });
      await client.bind(summary['adminDN']!, summary['adminPassword']!);
      const { searchEntries } = await client.search(summary['peopleDN']!, { scope: 'base' });
      expect(searchEntries).toHaveLength(1);
      await client.unbind();

      cli.kill('SIGTERM');
      await expect(exit).resolves.toEqual({ code: 0, signal: null });
      expect(processExists(pid)).toBe(false);
      await expect(access(summary['dataDir']!)).rejects.toThrow(/ENOENT/);
    },
    FIRST_START_TIMEOUT_MS,
  );

  it(
    'takes slapd down with it even when killed with SIGKILL (no exit hook can run)',
    async () => {
      const { cli, summary, exit } = await startCli(['--no-accesslog']);
      const pid = Number(summary['pid']);
      expect(summary['accessLogDN']).toBeUndefined();
      try {
        cli.kill('SIGKILL');
        await exit;
        await eventually(
          async () => !processExists(pid),
          `slapd (pid ${pid}) ends after its parent was killed`,
        );
        expect(await processesMentioning(summary['dataDir']!)).toEqual([]);
      } finally {
        // Only the kernel acted; nobody was left to remove the folder.
        await rm(summary['dataDir']!, { recursive: true, force: true });
      }
    },
    FIRST_START_TIMEOUT_MS,
  );

  it('answers an unknown option with the usage and exit code 2', async () => {
    const cli = spawn(process.execPath, [BIN, 'start', '--bogus'], { stdio: 'pipe' });
    let stderr = '';
    cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--bogus'");
    expect(stderr).toContain('Usage: idsync-ldap start');
  });
});

describe('parseStartArguments', () => {
  it('maps the options onto startSlapd options and reads the seed file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'idsync-cli-test-'));
    try {
      const seedFile = join(folder, 'seed.ldif');
      await writeFile(seedFile, 'dn: uid=a,ou=people,dc=x\nobjectClass: account\nuid: a\n');
      await expect(
        parseStartArguments([
          '--suffix',
          'dc=x',
          '--password',
          'pw',
          '--tls',
          '--no-accesslog',
          '--password-policy',
          '--seed',
          seedFile,
        ]),
      ).resolves.toEqual({
        suffix: 'dc=x',
        adminPassword: 'pw',
        tls: true,
        accessLog: false,
        passwordPolicy: true,
        seed: 'dn: uid=a,ou=people,dc=x\nobjectClass: account\nuid: a\n',
      });
      await expect(parseStartArguments([])).resolves.toEqual({
        tls: false,
        accessLog: true,
        passwordPolicy: false,
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
