import Fastify, { type FastifyInstance } from 'fastify';
import type { HubChange } from '@idsync/core';
import type { IdsyncStore } from '@idsync/store';
import { createCoreRegistry, type SchemaRegistry } from '@idsync/scim';
import { hashScimSecret } from '../auth/scim-secret-hash.js';
import { scimServerPlugin } from '../scim-server-plugin.js';
import type { ScimClientConfig, ScimServerOptions } from '../scim-server-options.js';
import { openTestStore, type TestDialect } from './open-test-store.js';

/** The token of the unconfined client every test server has. */
export const ADMIN_TOKEN = 'admin-token-0123456789abcdef';

export interface ScimResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body; undefined when there was none. */
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read SCIM JSON freely
  readonly text: string;
}

export interface RequestOptions {
  readonly method?: string;
  /** A bearer token; `null` sends no Authorization header. Default: the admin token. */
  readonly token?: string | null;
  readonly body?: unknown;
  /** Sent as it is, instead of JSON-encoding `body`. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

export interface ScimTestServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly store: IdsyncStore;
  readonly app: FastifyInstance;
  /** A request to a path below the origin, e.g. `/scim/v2/Users`. */
  request(path: string, options?: RequestOptions): Promise<ScimResponse>;
  /** Shorthand for a request below `/scim/v2`. */
  v2(path: string, options?: RequestOptions): Promise<ScimResponse>;
  /** Every change-feed entry so far. */
  changes(): Promise<HubChange[]>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  readonly dialect?: TestDialect;
  /** Clients besides the admin one. */
  readonly clients?: readonly ScimClientConfig[];
  readonly registry?: SchemaRegistry;
  /** Populations to create (by id and name) before the server starts. */
  readonly populations?: readonly string[];
  readonly plugin?: Partial<Omit<ScimServerOptions, 'hub' | 'clients' | 'registry'>>;
}

/**
 * Starts the SCIM server on a real store and a loopback port (127.0.0.1, port 0), as the sync
 * server would register it, so tests go through real HTTP with global fetch.
 */
export async function startScimTestServer(options: TestServerOptions = {}): Promise<ScimTestServer> {
  const registry = options.registry ?? createCoreRegistry();
  const { store, dispose } = await openTestStore(options.dialect ?? 'pglite', registry);
  for (const id of options.populations ?? []) {
    await store.hub.putPopulation({ id, name: id, isDefault: false });
  }
  const app = Fastify({ logger: false });
  const clients: ScimClientConfig[] = [
    { id: 'admin', bearerTokenHashes: [hashScimSecret(ADMIN_TOKEN)] },
    ...(options.clients ?? []),
  ];
  await app.register(scimServerPlugin, { hub: store.hub, clients, registry, ...options.plugin });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The test server has no TCP address.');
  const origin = `http://127.0.0.1:${address.port}`;

  const request = async (path: string, init: RequestOptions = {}): Promise<ScimResponse> => {
    const headers: Record<string, string> = { ...init.headers };
    const token = init.token === undefined ? ADMIN_TOKEN : init.token;
    if (token !== null && headers.authorization === undefined) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = init.rawBody;
    if (body === undefined && init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined && headers['content-type'] === undefined)
      headers['content-type'] = 'application/scim+json';
    const response = await fetch(origin + path, {
      method: init.method ?? 'GET',
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
    return { status: response.status, headers: response.headers, body: parsed, text };
  };

  return {
    origin,
    store,
    app,
    request,
    v2: (path, init) => request(`/scim/v2${path}`, init),
    changes: () => store.hub.changesAfter(undefined, 100_000),
    async close() {
      await app.close();
      await dispose();
    },
  };
}
