import type { ConnectorErrorCode } from '@idsync/core';
import type { ResultCodeError } from 'ldapts';

/** LDAP result codes (RFC 4511 §4.1.9 and appendix A) and what the engine should make of them. */
const RESULT_CODES: Readonly<Record<number, readonly [name: string, code: ConnectorErrorCode]>> = {
  1: ['operationsError', 'unavailable'],
  2: ['protocolError', 'invalid'],
  3: ['timeLimitExceeded', 'timeout'],
  // The server's own limits refuse the request; an administrator has to act, like a 403.
  4: ['sizeLimitExceeded', 'forbidden'],
  7: ['authMethodNotSupported', 'unauthorized'],
  8: ['strongerAuthRequired', 'unauthorized'],
  10: ['referral', 'unsupported'],
  11: ['adminLimitExceeded', 'forbidden'],
  12: ['unavailableCriticalExtension', 'unsupported'],
  13: ['confidentialityRequired', 'unauthorized'],
  16: ['noSuchAttribute', 'invalid'],
  17: ['undefinedAttributeType', 'invalid'],
  18: ['inappropriateMatching', 'unsupported'],
  19: ['constraintViolation', 'invalid'],
  20: ['attributeOrValueExists', 'conflict'],
  21: ['invalidAttributeSyntax', 'invalid'],
  32: ['noSuchObject', 'not-found'],
  34: ['invalidDNSyntax', 'invalid'],
  48: ['inappropriateAuthentication', 'unauthorized'],
  49: ['invalidCredentials', 'unauthorized'],
  50: ['insufficientAccessRights', 'forbidden'],
  51: ['busy', 'unavailable'],
  52: ['unavailable', 'unavailable'],
  // AD answers unwillingToPerform for a password its policy refuses: the data is the problem.
  53: ['unwillingToPerform', 'invalid'],
  54: ['loopDetect', 'invalid'],
  64: ['namingViolation', 'invalid'],
  65: ['objectClassViolation', 'invalid'],
  66: ['notAllowedOnNonLeaf', 'invalid'],
  67: ['notAllowedOnRDN', 'invalid'],
  68: ['entryAlreadyExists', 'conflict'],
  69: ['objectClassModsProhibited', 'invalid'],
  71: ['affectsMultipleDSAs', 'unsupported'],
  80: ['other', 'unavailable'],
};

/** The name and engine code of an LDAP result code. */
export function classifyResultCode(resultCode: number): {
  readonly name: string;
  readonly code: ConnectorErrorCode;
} {
  const [name, code] = RESULT_CODES[resultCode] ?? [`result ${resultCode}`, 'unavailable'];
  return { name, code };
}

/** The server's diagnostic text of an ldapts result error, without ldapts' " Code: 0x…" suffix (may be empty). */
export function serverMessage(error: ResultCodeError): string {
  const text = error.message.replace(/\s*Code: 0x[0-9a-f]+$/i, '').trim();
  // ldapts puts its own class description in when the server sent no text.
  return text === error.name ? '' : text;
}

/** "invalidCredentials (49): <server text>" for messages. */
export function describeResult(error: ResultCodeError): string {
  const { name } = classifyResultCode(error.code);
  const text = serverMessage(error);
  return `${name} (LDAP result ${error.code})${text ? `: ${text}` : ''}`;
}
