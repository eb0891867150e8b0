/**
 * What went wrong, as a stable code a caller can branch on (e.g. a test suite that wants to
 * report "slapd is not installed" differently from "slapd crashed").
 */
export type SlapdToolErrorCode =
  | 'not-installed'
  | 'install-failed'
  | 'install-lock-timeout'
  | 'start-failed'
  | 'start-timeout'
  | 'seed-failed'
  | 'tls-failed'
  | 'invalid-option';

/**
 * The one error type of @idsync/ldap. `detail` names what failed and what to do about it;
 * `output` carries the tail of the failing program's stderr when there was one, because
 * slapd's own words ("bind(8) failed", "unknown directive") are usually the answer.
 * The admin password never appears in either.
 */
export class SlapdToolError extends Error {
  override readonly name = 'SlapdToolError';
  readonly code: SlapdToolErrorCode;
  readonly detail: string;
  readonly output: string | undefined;

  constructor(code: SlapdToolErrorCode, detail: string, output?: string) {
    super(output ? `${detail}\n--- output (tail) ---\n${output}` : detail);
    this.code = code;
    this.detail = detail;
    this.output = output;
  }
}
