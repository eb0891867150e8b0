import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { SlapdToolError } from './errors/slapd-tool-error.js';
import { startSlapd, type SlapdInstance, type StartSlapdOptions } from './server/start-slapd.js';

const USAGE = `Usage: idsync-ldap start [options]

Starts a throwaway OpenLDAP slapd on 127.0.0.1, prints how to reach it as one line of JSON on
stdout, and keeps it running until Ctrl-C (SIGINT) or SIGTERM; then stops it and removes its data.
Installs Debian's slapd and ldap-utils first when they are missing (needs root).

Options:
  --suffix DN        naming context (default dc=example,dc=org)
  --password PW      admin password (default: random)
  --tls              also serve ldaps:// and StartTLS with a freshly generated CA
  --no-accesslog     run without the accesslog overlay
  --password-policy  load the ppolicy overlay with a default policy (pwdAccountLockedTime locks accounts)
  --seed FILE        LDIF file to add after the base entries
  -h, --help         show this help`;

/** What `start` prints: everything a client or a person needs to connect. */
export function connectionSummary(instance: SlapdInstance): Record<string, unknown> {
  return {
    url: instance.url,
    ...(instance.ldapsUrl
      ? { ldapsUrl: instance.ldapsUrl, caCertificateFile: instance.caCertificateFile }
      : {}),
    baseDN: instance.baseDN,
    peopleDN: instance.peopleDN,
    groupsDN: instance.groupsDN,
    ...(instance.accessLogDN ? { accessLogDN: instance.accessLogDN } : {}),
    ...(instance.passwordPolicyDN ? { passwordPolicyDN: instance.passwordPolicyDN } : {}),
    adminDN: instance.adminDN,
    adminPassword: instance.adminPassword,
    pid: instance.pid,
    dataDir: instance.dataDir,
  };
}

/** Reads the command line into start options; throws a usage error for anything unknown. */
export async function parseStartArguments(args: readonly string[]): Promise<StartSlapdOptions> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      suffix: { type: 'string' },
      password: { type: 'string' },
      tls: { type: 'boolean', default: false },
      'no-accesslog': { type: 'boolean', default: false },
      'password-policy': { type: 'boolean', default: false },
      seed: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  return {
    ...(values.suffix !== undefined ? { suffix: values.suffix } : {}),
    ...(values.password !== undefined ? { adminPassword: values.password } : {}),
    tls: values.tls,
    accessLog: !values['no-accesslog'],
    passwordPolicy: values['password-policy'],
    ...(values.seed !== undefined ? { seed: await readFile(values.seed, 'utf8') } : {}),
  };
}

/** The `idsync-ldap` command; resolves with the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '-h' || command === '--help') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'start') {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  let options: StartSlapdOptions;
  try {
    options = await parseStartArguments(rest);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }

  let instance: SlapdInstance;
  try {
    instance = await startSlapd(options);
  } catch (error) {
    console.error(error instanceof SlapdToolError ? error.message : error);
    return 1;
  }
  console.log(JSON.stringify(connectionSummary(instance)));
  console.error(`slapd is running (pid ${instance.pid}) at ${instance.url}; press Ctrl-C to stop it.`);

  // slapd is unreferenced (so tests never hang on it); this timer keeps the CLI alive instead.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const outcome = await new Promise<'signal' | 'slapd-exited'>((resolve) => {
    process.once('SIGINT', () => resolve('signal'));
    process.once('SIGTERM', () => resolve('signal'));
    void instance.exited.then(() => resolve('slapd-exited'));
  });
  clearInterval(keepAlive);
  await instance.stop();
  if (outcome === 'slapd-exited') {
    console.error('slapd exited on its own; its data folder has been removed.');
    return 1;
  }
  return 0;
}
