import { SlapdToolError } from '../errors/slapd-tool-error.js';
import { outputTail, type CommandRunner } from '../install/command-runner.js';

/** The OpenLDAP release of the installed slapd, e.g. 2.5 for `slapd 2.5.13+dfsg-5`. */
export interface SlapdVersion {
  readonly major: number;
  readonly minor: number;
}

/**
 * Reads `slapd -VV` (which prints `@(#) $OpenLDAP: slapd 2.5.13+dfsg-5 (…) $` on stderr).
 * Some configuration depends on the release: ppolicy's schema ships as a file up to 2.4 and is
 * built into the overlay from 2.5 on, where including the old file would define it twice.
 */
export async function readSlapdVersion(runner: CommandRunner, slapd: string): Promise<SlapdVersion> {
  const result = await runner.run(slapd, ['-VV']);
  const version = parseSlapdVersion(`${result.stdout}\n${result.stderr}`);
  if (!version) {
    throw new SlapdToolError(
      'start-failed',
      `Could not tell the OpenLDAP version from "${slapd} -VV". Check that ${slapd} is OpenLDAP's slapd.`,
      outputTail(`${result.stdout}\n${result.stderr}`),
    );
  }
  return version;
}

export function parseSlapdVersion(text: string): SlapdVersion | undefined {
  const match = /slapd (\d+)\.(\d+)/.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/** Up to OpenLDAP 2.4 the ppolicy schema is a separate file that must be included. */
export function ppolicySchemaIsSeparate(version: SlapdVersion): boolean {
  return version.major < 2 || (version.major === 2 && version.minor < 5);
}
