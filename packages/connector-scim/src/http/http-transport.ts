import { systemClock, TokenBucket, type Clock } from '@idsync/core';
import { Agent } from 'undici';
import { transportFailureToConnectorError } from './transport-failure.js';

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

export interface HttpTransportOptions {
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** Connections per origin: the most requests in flight at once; undici queues the rest. */
  readonly maxConcurrency: number;
  /**
   * 0: no client-side limit. A 429's Retry-After is surfaced as `retryAfterMs` and honoured by
   * the engine's per-connection pause, so it is not applied a second time here.
   */
  readonly requestsPerSecond: number;
  readonly clock?: Clock;
}

/** Idle keep-alive sockets are closed after this long, below the usual 60 s of load balancers. */
const KEEP_ALIVE_MS = 30_000;

/**
 * All HTTP of one connector instance: one undici Agent (a keep-alive pool per origin, so the
 * SCIM target and an OAuth token endpoint each get theirs) with a connection limit, timeouts
 * and a token bucket. It answers every HTTP status as a response; only a request that got no
 * answer at all — DNS, refused, reset, TLS, timeout — fails, with a ConnectorError naming the cause.
 */
export class HttpTransport {
  readonly #agent: Agent;
  readonly #bucket: TokenBucket;

  constructor(private readonly options: HttpTransportOptions) {
    const clock: Clock = options.clock ?? systemClock;
    this.#agent = new Agent({
      connections: options.maxConcurrency,
      connectTimeout: options.connectTimeoutMs,
      headersTimeout: options.requestTimeoutMs,
      bodyTimeout: options.requestTimeoutMs,
      keepAliveTimeout: KEEP_ALIVE_MS,
    });
    this.#bucket =
      options.requestsPerSecond > 0
        ? new TokenBucket(
            { capacity: options.requestsPerSecond, refillPerSecond: options.requestsPerSecond },
            clock,
          )
        : TokenBucket.unlimited(clock);
  }

  /** `what` names the request in errors, e.g. `GET Users/42`. */
  async send(request: HttpRequest, what: string): Promise<HttpResponse> {
    await this.#bucket.acquire();
    try {
      const response = await this.#agent.request({
        origin: request.url.origin,
        path: `${request.url.pathname}${request.url.search}`,
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      const failure = transportFailureToConnectorError(error, what, request.url.origin, {
        connect: this.options.connectTimeoutMs,
        request: this.options.requestTimeoutMs,
      });
      throw failure ?? error;
    }
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}
