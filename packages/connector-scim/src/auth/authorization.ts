import type { Clock } from '@idsync/core';
import type { AuthTypeHeader, ScimConnectorConfig } from '../config.js';
import type { HttpTransport } from '../http/http-transport.js';
import type { SecretRedactor } from '../http/secret-redactor.js';
import { OAuthClientCredentials } from './oauth-client-credentials.js';

/** The Authorization header of SCIM requests, and what to do when the target refuses it. */
export interface Authorization {
  /** The header value, or undefined to send none. */
  header(): Promise<string | undefined>;
  /**
   * The target answered 401 to a request sent with `sent`. True when a fresh credential may
   * succeed (an OAuth token that expired early or was revoked): the client then retries once.
   */
  renewAfterUnauthorized(sent: string | undefined): boolean;
}

const SCHEME_WORDS: Record<Exclude<AuthTypeHeader, 'custom'>, string> = {
  basic: 'Basic',
  bearer: 'Bearer',
  oauth: 'OAuth',
};

class FixedAuthorization implements Authorization {
  constructor(private readonly value: string | undefined) {}

  async header(): Promise<string | undefined> {
    return this.value;
  }

  renewAfterUnauthorized(): boolean {
    return false;
  }
}

class ClientCredentialsAuthorization implements Authorization {
  constructor(
    private readonly tokens: OAuthClientCredentials,
    private readonly scheme: string,
  ) {}

  async header(): Promise<string> {
    return `${this.scheme} ${await this.tokens.accessToken()}`;
  }

  renewAfterUnauthorized(sent: string | undefined): boolean {
    if (sent === undefined) return false;
    this.tokens.invalidate(sent.slice(this.scheme.length + 1));
    return true;
  }
}

/**
 * Builds the Authorization of a connection, as PingOne's form combines "authentication method"
 * and "auth type header": the method gives the credential (Basic pair, fixed token, or a token
 * from client credentials), the header type the scheme word in front of it (by default the one
 * that fits the method). `custom` sends the configured value as the whole header, and only as
 * the Authorization header. Derived credentials are registered with the redactor.
 */
export function createAuthorization(
  config: ScimConnectorConfig,
  transport: HttpTransport,
  redactor: SecretRedactor,
  clock?: Clock,
): Authorization {
  if (config.authTypeHeader === 'custom') return new FixedAuthorization(config.customAuthHeader);
  const auth = config.authentication;
  const defaultScheme = auth.method === 'basic' ? 'basic' : 'bearer';
  const scheme = SCHEME_WORDS[config.authTypeHeader ?? defaultScheme];
  switch (auth.method) {
    case 'none':
      return new FixedAuthorization(undefined);
    case 'basic': {
      const credential = Buffer.from(`${auth.user}:${auth.password}`).toString('base64');
      redactor.add(credential);
      return new FixedAuthorization(`${scheme} ${credential}`);
    }
    case 'oauth-bearer':
      return new FixedAuthorization(`${scheme} ${auth.token}`);
    case 'oauth-client-credentials':
      return new ClientCredentialsAuthorization(
        new OAuthClientCredentials(auth, transport, redactor, clock),
        scheme,
      );
  }
}
