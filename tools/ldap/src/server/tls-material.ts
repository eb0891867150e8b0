import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { SlapdToolError } from '../errors/slapd-tool-error.js';
import { outputTail, type CommandRunner } from '../install/command-runner.js';
import type { TlsFiles } from './slapd-config.js';

/** TLS files for slapd plus the CA certificate's PEM, which clients pass as their trust anchor. */
export interface TlsMaterial extends TlsFiles {
  readonly caCertificatePem: string;
}

/** Long enough for a demo left running over a weekend, short enough to be obviously throwaway. */
const VALID_DAYS = '30';

/**
 * Creates a private CA and a server certificate signed by it, with 127.0.0.1 and localhost as
 * subject alternative names so that Node's hostname check passes for `ldaps://127.0.0.1`.
 * A fresh CA per instance keeps tests honest: a client that does not pass the returned CA
 * cannot connect, so certificate verification is exercised rather than switched off.
 * EC P-256 keys, because generating them is instant (RSA would add noticeable start time).
 */
export async function createTlsMaterial(
  runner: CommandRunner,
  openssl: string,
  folder: string,
): Promise<TlsMaterial> {
  const caKey = join(folder, 'ca.key');
  const caCertificateFile = join(folder, 'ca.pem');
  const keyFile = join(folder, 'server.key');
  const requestFile = join(folder, 'server.csr');
  const certificateFile = join(folder, 'server.pem');
  const extensionsFile = join(folder, 'server.ext');
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

  // Flags and their values kept on one line each, as one would write them in a shell.
  // prettier-ignore
  await run(runner, openssl, [
    'req', '-x509', ...ecKey,
    '-keyout', caKey, '-out', caCertificateFile, '-days', VALID_DAYS,
    '-subj', '/CN=idsync throwaway test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  // prettier-ignore
  await run(runner, openssl, [
    'req', '-new', ...ecKey,
    '-keyout', keyFile, '-out', requestFile, '-subj', '/CN=127.0.0.1',
  ]);
  await writeFile(
    extensionsFile,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '',
    ].join('\n'),
  );
  // prettier-ignore
  await run(runner, openssl, [
    'x509', '-req', '-in', requestFile,
    '-CA', caCertificateFile, '-CAkey', caKey,
    '-set_serial', `0x${randomBytes(16).toString('hex')}`, '-days', VALID_DAYS,
    '-extfile', extensionsFile, '-out', certificateFile,
  ]);
  return {
    caCertificateFile,
    certificateFile,
    keyFile,
    caCertificatePem: await readFile(caCertificateFile, 'utf8'),
  };
}

async function run(runner: CommandRunner, openssl: string, args: readonly string[]): Promise<void> {
  const result = await runner.run(openssl, args);
  if (result.exitCode !== 0) {
    throw new SlapdToolError(
      'tls-failed',
      `\`openssl ${args.slice(0, 2).join(' ')} …\` failed with exit code ${String(result.exitCode)} ` +
        'while creating the test CA and server certificate.',
      outputTail(result.stderr),
    );
  }
}
