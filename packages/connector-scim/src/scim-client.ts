import { ConnectorError, type Clock, type ConnectorContext } from '@idsync/core';
import { SCIM_MEDIA_TYPE } from '@idsync/scim';
import { createAuthorization, type Authorization } from './auth/authorization.js';
import { secretsOf, type ScimConnectorConfig } from './config.js';
import { HttpTransport, type HttpRequest, type HttpResponse } from './http/http-transport.js';
import { responseToConnectorError } from './http/response-error.js';
import { SecretRedactor } from './http/secret-redactor.js';

export type ScimMethod = HttpRequest['method'];

export interface ScimRequestOptions {
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  /** Sent as If-Match (RFC 7644 §3.14) when the target supports ETags. */
  readonly ifMatch?: string;
  /** False: send no Authorization (a connection test proving the host answers at all). Default true. */
  readonly authenticate?: boolean;
}

export interface ScimResponse {
  readonly status: number;
  /** The parsed JSON body; undefined when empty or not JSON. */
  readonly body: unknown;
  readonly text: string;
  readonly etag: string | undefined;
}

/** A response with its headers, whatever its status. */
export interface ScimAnswer extends ScimResponse {
  readonly headers: HttpResponse['headers'];
}

export interface ScimClientOptions {
  readonly clock?: Clock;
  readonly log?: ConnectorContext['log'];
}

const USER_AGENT = 'idsync-connector-scim/0.1.0';

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function headerOf(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Speaks HTTP to one SCIM target: resolves paths below the base URL, sends JSON bodies with
 * the SCIM media type of the version, authenticates (renewing an OAuth token once on 401),
 * and turns failed answers into ConnectorErrors carrying the target's message with secrets
 * scrubbed. It knows nothing of resources: that is the connector's job.
 */
export class ScimClient {
  readonly redactor: SecretRedactor;
  readonly #transport: HttpTransport;
  readonly #authorization: Authorization;
  readonly #clock: Clock | undefined;

  constructor(
    readonly config: ScimConnectorConfig,
    private readonly options: ScimClientOptions = {},
  ) {
    this.redactor = new SecretRedactor(secretsOf(config));
    this.#clock = options.clock;
    this.#transport = new HttpTransport({
      connectTimeoutMs: config.connectTimeoutMs,
      requestTimeoutMs: config.requestTimeoutMs,
      maxConcurrency: config.maxConcurrency,
      requestsPerSecond: config.requestsPerSecond,
      requestBurst: config.requestBurst,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.#authorization = createAuthorization(config, this.#transport, this.redactor, options.clock);
  }

  /** The URL of `path` below the base URL, with the query. */
  urlOf(path: string, query: ScimRequestOptions['query'] = {}): URL {
    const url = new URL(path.replace(/^\/+/, ''), this.config.baseUrl);
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(name, String(value));
    return url;
  }

  /** Sends a request and returns the answer whatever its status; fails only when no answer came. */
  async exchange(method: ScimMethod, path: string, options: ScimRequestOptions = {}): Promise<ScimAnswer> {
    const what = `${method} ${path}`;
    const mediaType = this.config.version === '2.0' ? SCIM_MEDIA_TYPE : 'application/json';
    const build = (authorization: string | undefined): HttpRequest => ({
      method,
      url: this.urlOf(path, options.query),
      headers: {
        accept: `${SCIM_MEDIA_TYPE}, application/json`,
        'user-agent': USER_AGENT,
        ...(options.body !== undefined ? { 'content-type': mediaType } : {}),
        ...(options.ifMatch !== undefined ? { 'if-match': options.ifMatch } : {}),
        ...(authorization !== undefined ? { authorization } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const authenticate = options.authenticate ?? true;
    let authorization = authenticate ? await this.#authorization.header() : undefined;
    let response = await this.#send(build(authorization), what);
    if (
      authenticate &&
      response.status === 401 &&
      this.#authorization.renewAfterUnauthorized(authorization)
    ) {
      this.#log('info', 'The target refused the access token; requesting a new one and retrying once.', {
        what,
      });
      authorization = await this.#authorization.header();
      response = await this.#send(build(authorization), what);
    }
    return {
      status: response.status,
      headers: response.headers,
      text: response.text,
      body: parseJson(response.text),
      etag: headerOf(response, 'etag'),
    };
  }

  /** Sends a request; a status outside 2xx throws the ConnectorError the engine acts on. */
  async request(method: ScimMethod, path: string, options: ScimRequestOptions = {}): Promise<ScimResponse> {
    const response = await this.exchange(method, path, options);
    if (response.status >= 200 && response.status < 300) return response;
    throw this.errorOf(response, `${method} ${path}`);
  }

  /** The ConnectorError for a failed answer. */
  errorOf(response: ScimAnswer, what: string): ConnectorError {
    return responseToConnectorError(
      response,
      what,
      (text) => this.redactor.redact(text),
      this.#clock?.now() ?? Date.now(),
    );
  }

  async close(): Promise<void> {
    await this.#transport.close();
  }

  async #send(request: HttpRequest, what: string): Promise<HttpResponse> {
    try {
      const response = await this.#transport.send(request, what);
      this.#log('debug', 'SCIM request', { what, status: response.status });
      return response;
    } catch (error) {
      if (error instanceof ConnectorError) {
        this.#log('warn', 'SCIM request got no answer', { what, code: error.code, message: error.message });
      }
      throw error;
    }
  }

  #log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>): void {
    this.options.log?.(
      level,
      this.redactor.redact(message),
      this.redactor.redactValue(fields) as Record<string, unknown>,
    );
  }
}
