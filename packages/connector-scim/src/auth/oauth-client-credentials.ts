import { ConnectorError, systemClock, type Clock } from '@idsync/core';
import type { ScimAuthentication } from '../config.js';
import type { HttpTransport } from '../http/http-transport.js';
import { responseToConnectorError } from '../http/response-error.js';
import type { SecretRedactor } from '../http/secret-redactor.js';

type ClientCredentials = Extract<ScimAuthentication, { method: 'oauth-client-credentials' }>;

interface CachedToken {
  readonly token: string;
  /** Epoch ms after which the token is not used any more; undefined: until the target refuses it. */
  readonly renewAt: number | undefined;
}

/** Renew this long before expiry, so a token never expires between the check and the request. */
const MAX_EXPIRY_MARGIN_MS = 60_000;

/** RFC 6749 §2.3.1: client id and secret are form-encoded before they go into a Basic header. */
const formEncode = (value: string): string => encodeURIComponent(value).replace(/%20/g, '+');

/**
 * OAuth 2.0 client credentials grant (RFC 6749 §4.4): fetches an access token from the token
 * endpoint, caches it until shortly before `expires_in` runs out, and fetches a new one when
 * the cached one expires or the target refuses it. Concurrent callers share one token request.
 */
export class OAuthClientCredentials {
  #cached: CachedToken | undefined;
  #pending: Promise<string> | undefined;

  constructor(
    private readonly settings: ClientCredentials,
    private readonly transport: HttpTransport,
    private readonly redactor: SecretRedactor,
    private readonly clock: Clock = systemClock,
  ) {
    redactor.add(`${formEncode(settings.clientId)}:${formEncode(settings.clientSecret)}`);
    redactor.add(this.#basicCredential());
  }

  /** A valid access token, from the cache or freshly requested. */
  async accessToken(): Promise<string> {
    const cached = this.#cached;
    if (cached && (cached.renewAt === undefined || this.clock.now() < cached.renewAt)) return cached.token;
    this.#pending ??= this.#request().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /**
   * The target refused `token` (401): forget it, so the next call fetches another. A token
   * another caller has already replaced stays, so a burst of 401s costs one token request.
   */
  invalidate(token: string): void {
    if (this.#cached?.token === token) this.#cached = undefined;
  }

  #basicCredential(): string {
    const pair = `${formEncode(this.settings.clientId)}:${formEncode(this.settings.clientSecret)}`;
    return Buffer.from(pair).toString('base64');
  }

  async #request(): Promise<string> {
    const { endpoint, clientId, clientSecret, scopes, clientAuthentication } = this.settings;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scopes.length > 0) form.set('scope', scopes.join(' '));
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (clientAuthentication === 'post') {
      form.set('client_id', clientId);
      form.set('client_secret', clientSecret);
    } else {
      headers.authorization = `Basic ${this.#basicCredential()}`;
    }
    const what = `OAuth token request to ${endpoint.origin}${endpoint.pathname}`;
    const startedAt = this.clock.now();
    const response = await this.transport.send(
      { method: 'POST', url: endpoint, headers, body: form.toString() },
      what,
    );
    if (response.status < 200 || response.status >= 300) {
      const error = responseToConnectorError(response, what, (text) => this.redactor.redact(text), startedAt);
      // The token endpoint answers 400/401 for a wrong client id or secret (invalid_client).
      if (['invalid', 'unauthorized', 'forbidden', 'not-found'].includes(error.code)) {
        throw new ConnectorError(
          'unauthorized',
          `${error.message} Check config.oauthEndpoint, config.clientId and config.clientSecret.`,
          {
            remoteStatus: response.status,
            ...(error.remoteMessage ? { remoteMessage: error.remoteMessage } : {}),
          },
        );
      }
      throw error;
    }
    let body: { access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(response.text) as typeof body;
    } catch {
      body = {};
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new ConnectorError(
        'unauthorized',
        `${what}: the answer holds no access_token; is config.oauthEndpoint the token endpoint?`,
        {
          remoteStatus: response.status,
        },
      );
    }
    this.redactor.add(body.access_token);
    const lifetimeMs = Number(body.expires_in) * 1000;
    const renewAt =
      Number.isFinite(lifetimeMs) && lifetimeMs > 0
        ? startedAt + lifetimeMs - Math.min(MAX_EXPIRY_MARGIN_MS, lifetimeMs / 10)
        : undefined;
    this.#cached = { token: body.access_token, renewAt };
    return body.access_token;
  }
}
