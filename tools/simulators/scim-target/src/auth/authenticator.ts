import { timingSafeEqual } from 'node:crypto';
import { ScimError } from '@idsync/scim';
import type { AuthOptions } from './auth-options.js';
import type { TokenIssuer } from './token-issuer.js';

/** A refused request: the SCIM error to answer with and the `WWW-Authenticate` challenge. */
export class AuthenticationError extends ScimError {
  constructor(
    detail: string,
    readonly challenge: string,
  ) {
    super(401, undefined, detail);
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Splits `Scheme credentials`; the scheme compares without case (RFC 7235 §2.1). */
function readAuthorization(header: string | undefined): { scheme: string; credentials: string } | undefined {
  const match = /^\s*(\S+)\s+(.+?)\s*$/.exec(header ?? '');
  return match ? { scheme: match[1]!.toLowerCase(), credentials: match[2]! } : undefined;
}

/**
 * Checks the `Authorization` header of a SCIM request against the configured mode. A refusal is
 * an `AuthenticationError` whose detail says what was wrong (missing, wrong scheme, bad
 * credentials, expired token), because a connector's "test connection" shows exactly that.
 */
export function createAuthenticator(
  options: AuthOptions,
  tokens: TokenIssuer | undefined,
): (authorization: string | undefined) => void {
  switch (options.kind) {
    case 'none':
      return () => undefined;
    case 'bearer':
      return (header) =>
        checkBearer(header, (token) => (sameSecret(token, options.token) ? 'valid' : 'unknown'));
    case 'oauth':
      return (header) => checkBearer(header, (token) => tokens?.check(token) ?? 'unknown');
    case 'basic':
      return (header) => checkBasic(header, options.username, options.password);
  }
}

const BEARER_REALM = 'Bearer realm="scim"';

function checkBearer(
  header: string | undefined,
  state: (token: string) => 'valid' | 'expired' | 'unknown',
): void {
  const authorization = readAuthorization(header);
  if (!authorization) {
    throw new AuthenticationError(
      'The request has no Authorization header; send "Authorization: Bearer <token>".',
      BEARER_REALM,
    );
  }
  if (authorization.scheme !== 'bearer') {
    throw new AuthenticationError(
      `The Authorization header uses the "${authorization.scheme}" scheme; this service accepts only Bearer tokens.`,
      BEARER_REALM,
    );
  }
  const verdict = state(authorization.credentials);
  if (verdict === 'expired') {
    throw new AuthenticationError(
      'The access token has expired; request a new one from the token endpoint.',
      `${BEARER_REALM}, error="invalid_token", error_description="The access token expired"`,
    );
  }
  if (verdict === 'unknown') {
    throw new AuthenticationError(
      'The bearer token is not valid for this service; check the token configured for the connection.',
      `${BEARER_REALM}, error="invalid_token"`,
    );
  }
}

const BASIC_REALM = 'Basic realm="scim", charset="UTF-8"';

function checkBasic(header: string | undefined, username: string, password: string): void {
  const authorization = readAuthorization(header);
  if (!authorization || authorization.scheme !== 'basic') {
    throw new AuthenticationError(
      'The request has no Basic credentials; send "Authorization: Basic <base64 of user:password>".',
      BASIC_REALM,
    );
  }
  const decoded = Buffer.from(authorization.credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const given =
    colon < 0
      ? { user: decoded, password: '' }
      : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  if (!sameSecret(given.user, username) || !sameSecret(given.password, password)) {
    throw new AuthenticationError('The user name or password is wrong.', BASIC_REALM);
  }
}
