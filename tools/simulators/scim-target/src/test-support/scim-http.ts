import type { ScimTarget } from '../start-scim-target.js';

/** A response read whole: status, headers, the text and — when it is JSON — the parsed body. */
export interface HttpReply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // Tests read arbitrary JSON; `any` keeps their assertions short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

export interface SendOptions {
  readonly method?: string;
  /** Sent as JSON unless `raw` is given. */
  readonly body?: unknown;
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One request over real HTTP with Node's fetch. */
export async function send(url: string, options: SendOptions = {}): Promise<HttpReply> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined = options.raw;
  if (options.body !== undefined && body === undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/scim+json';
  }
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** Requests relative to a target's base URL, with default headers (e.g. the Authorization). */
export function scimClient(target: ScimTarget, defaultHeaders: Readonly<Record<string, string>> = {}) {
  const call = (
    method: string,
    path: string,
    body?: unknown,
    headers: Readonly<Record<string, string>> = {},
  ) =>
    send(`${target.baseUrl}${path}`, {
      method,
      ...(body !== undefined ? { body } : {}),
      headers: { ...defaultHeaders, ...headers },
    });
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) =>
      call('POST', path, body, headers),
    put: (path: string, body: unknown, headers?: Record<string, string>) => call('PUT', path, body, headers),
    patch: (path: string, body: unknown, headers?: Record<string, string>) =>
      call('PATCH', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => call('DELETE', path, undefined, headers),
  };
}

export type ScimClient = ReturnType<typeof scimClient>;
