import { SlapdToolError } from '../errors/slapd-tool-error.js';
import { outputTail, type CommandResult, type CommandRunner } from '../install/command-runner.js';
import type { SlapdTools } from '../install/ensure-slapd-installed.js';

/** How the OpenLDAP command-line tools reach the server as its admin. */
export interface AdminConnection {
  readonly url: string;
  readonly adminDN: string;
  /** File holding exactly the password (no newline): `-y` keeps it off the process list. */
  readonly passwordFile: string;
}

/**
 * Talks to the server with ldap-utils rather than an LDAP library so that this package needs
 * nothing beyond what slapd's own Debian packages bring (the CLI then runs from source with no
 * npm dependency at all). The user's ~/.ldaprc and /etc/ldap/ldap.conf are ignored, so a
 * machine-wide setting (say TLS_REQCERT never) cannot change what the checks prove.
 */
export class LdapUtilsClient {
  readonly #runner: CommandRunner;
  readonly #tools: SlapdTools;
  readonly #connection: AdminConnection;

  constructor(runner: CommandRunner, tools: SlapdTools, connection: AdminConnection) {
    this.#runner = runner;
    this.#tools = tools;
    this.#connection = connection;
  }

  /**
   * A simple bind as admin (`ldapwhoami`). With `startTlsCaFile`, the bind happens after a
   * mandatory StartTLS that verifies the server certificate against that CA.
   */
  bind(startTlsCaFile?: string): Promise<CommandResult> {
    const env: Record<string, string> = { LDAPCONF: '/dev/null', LDAPRC: '/dev/null' };
    if (startTlsCaFile) Object.assign(env, { LDAPTLS_CACERT: startTlsCaFile, LDAPTLS_REQCERT: 'demand' });
    return this.#runner.run(
      this.#tools.ldapwhoami,
      [...this.#commonArgs(), ...(startTlsCaFile ? ['-ZZ'] : [])],
      { env },
    );
  }

  /** Applies LDIF records (content records are adds; changetype records also work). */
  async apply(ldif: string, what: string): Promise<void> {
    const result = await this.#runner.run(this.#tools.ldapmodify, ['-a', ...this.#commonArgs()], {
      input: ldif,
      env: { LDAPCONF: '/dev/null', LDAPRC: '/dev/null' },
    });
    if (result.exitCode !== 0) {
      throw new SlapdToolError(
        'seed-failed',
        `Adding ${what} to ${this.#connection.url} failed (ldapmodify exit code ${String(result.exitCode)}). ` +
          'Check the LDIF: each entry needs its parent to exist first and a structural objectClass.',
        outputTail(result.stderr),
      );
    }
  }

  #commonArgs(): string[] {
    const { url, adminDN, passwordFile } = this.#connection;
    return ['-x', '-H', url, '-D', adminDN, '-y', passwordFile, '-o', 'nettimeout=5'];
  }
}
