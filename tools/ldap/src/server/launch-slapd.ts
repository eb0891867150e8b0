import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { SlapdToolError } from '../errors/slapd-tool-error.js';
import { outputTail, spawnCommandRunner } from '../install/command-runner.js';
import type { SlapdTools } from '../install/ensure-slapd-installed.js';
import { findFreePort } from './free-port.js';
import { LdapUtilsClient } from './ldap-utils-client.js';
import { SlapdProcess } from './slapd-process.js';

export interface LaunchInput {
  readonly tools: SlapdTools;
  /** setpriv, when available, to give slapd a parent-death signal. */
  readonly setpriv: string | undefined;
  readonly dataDir: string;
  readonly configFile: string;
  readonly adminDN: string;
  readonly passwordFile: string;
  /** Also listen for ldaps:// on a second port. */
  readonly ldaps: boolean;
  readonly timeoutMs: number;
  readonly stopGraceMs: number;
}

/** A slapd that has accepted an admin bind. */
export interface LaunchedSlapd {
  readonly process: SlapdProcess;
  readonly port: number;
  readonly ldapsPort: number | undefined;
  readonly client: LdapUtilsClient;
}

/** Another process can grab the port between our probe and slapd's bind; that many tries. */
const PORT_ATTEMPTS = 5;
const POLL_MS = 50;

/**
 * Starts slapd on free loopback ports and waits until an admin bind succeeds — listening alone
 * is not enough, since the databases open after the sockets. slapd converts slapd.conf into the
 * empty slapd.d itself (`-f … -F …`); running slaptest first would fail on the fresh database.
 * `-d 32768` keeps slapd in the foreground and prints only messages logged at any level
 * (errors), which end up in the error when the start fails.
 */
export async function launchSlapd(input: LaunchInput): Promise<LaunchedSlapd> {
  const deadline = Date.now() + input.timeoutMs;
  const configDir = join(input.dataDir, 'slapd.d');
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    let ldapsPort: number | undefined;
    while (input.ldaps && (ldapsPort === undefined || ldapsPort === port)) ldapsPort = await findFreePort();
    const listeners = [
      `ldap://127.0.0.1:${port}/`,
      ...(ldapsPort ? [`ldaps://127.0.0.1:${ldapsPort}/`] : []),
    ];

    // A failed attempt may have half-converted the config; slapd only converts into an empty folder.
    await rm(configDir, { recursive: true, force: true });
    await mkdir(configDir, { mode: 0o700 });
    const slapd = new SlapdProcess(
      input.tools.slapd,
      ['-d', '32768', '-f', input.configFile, '-F', configDir, '-h', listeners.join(' ')],
      input.setpriv,
    );
    const client = new LdapUtilsClient(spawnCommandRunner, input.tools, {
      url: `ldap://127.0.0.1:${port}`,
      adminDN: input.adminDN,
      passwordFile: input.passwordFile,
    });

    const outcome = await waitUntilBindable(slapd, client, deadline);
    if (outcome.ready) return { process: slapd, port, ldapsPort, client };
    await slapd.stop(input.stopGraceMs);
    const inUse = /errno=98|Address already in use/i.test(slapd.stderr);
    if (inUse && attempt < PORT_ATTEMPTS && Date.now() < deadline) continue;
    if (slapd.exit && !outcome.timedOut) {
      throw new SlapdToolError(
        'start-failed',
        `slapd exited (code ${String(slapd.exit.code)}, signal ${String(slapd.exit.signal)}) before accepting a bind` +
          (inUse ? ` (ports stayed busy over ${attempt} attempts)` : '') +
          `. Its config is ${input.configFile}; slapd's messages follow.`,
        outputTail(slapd.stderr),
      );
    }
    throw new SlapdToolError(
      'start-timeout',
      `slapd did not accept an admin bind on ${listeners[0]} within ${input.timeoutMs} ms ` +
        `(last ldapwhoami said: ${outcome.lastBindError || 'nothing'}). Raise startTimeoutMs on a slow machine.`,
      outputTail(slapd.stderr),
    );
  }
}

interface WaitOutcome {
  readonly ready: boolean;
  readonly timedOut: boolean;
  readonly lastBindError: string;
}

async function waitUntilBindable(
  slapd: SlapdProcess,
  client: LdapUtilsClient,
  deadline: number,
): Promise<WaitOutcome> {
  let lastBindError = '';
  for (;;) {
    if (slapd.exit) return { ready: false, timedOut: false, lastBindError };
    const result = await client.bind();
    if (result.exitCode === 0) return { ready: true, timedOut: false, lastBindError };
    lastBindError = result.stderr.trim();
    if (Date.now() >= deadline) return { ready: false, timedOut: true, lastBindError };
    await Promise.race([sleep(POLL_MS), slapd.exited]);
  }
}
