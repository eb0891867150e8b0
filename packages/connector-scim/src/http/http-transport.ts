import { systemClock, TokenBucket, type Clock } from '@idsync/core';
import { Agent, type Dispatcher } from 'undici';
import { requestTimeouts } from './request-timeouts.js';
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
  /**
   * Requests that may go out back to back above the rate: the bucket's capacity, and what it
   * holds at the start. Default 1, so that in any second at most `requestsPerSecond + 1` go
   * out — a budget just under a target's per-second limit then stays under it, even in the
   * first second of a run (a bucket that started with a second's worth sent twice the rate).
   */
  readonly requestBurst?: number;
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
  readonly #dispatcher: Dispatcher;
  readonly #bucket: TokenBucket;

  constructor(private readonly options: HttpTransportOptions) {
    const clock: Clock = options.clock ?? systemClock;
    this.#agent = new Agent({
      connections: options.maxConcurrency,
      connectTimeout: options.connectTimeoutMs,
      // undici's own timers tick every half second and miss timeouts under one; the
      // interceptor below keeps the same two timeouts on Node's timers instead.
      headersTimeout: 0,
      bodyTimeout: 0,
      keepAliveTimeout: KEEP_ALIVE_MS,
    });
    this.#dispatcher = this.#agent.compose(requestTimeouts(options.requestTimeoutMs));
    this.#bucket =
      options.requestsPerSecond > 0
        ? new TokenBucket(
            {
              capacity: Math.max(1, options.requestBurst ?? 1),
              refillPerSecond: options.requestsPerSecond,
            },
            clock,
          )
        : TokenBucket.unlimited(clock);
  }

  /** `what` names the request in errors, e.g. `GET Users/42`. */
  async send(request: HttpRequest, what: string): Promise<HttpResponse> {
    await this.#bucket.acquire();
    try {
      const response = await this.#dispatcher.request({
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
