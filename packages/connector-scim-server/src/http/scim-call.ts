import type { ListQueryParameters } from '@idsync/scim';
import type { ScimClientConfig } from '../scim-server-options.js';

/** The authenticated client a request acts for. */
export interface ClientActor {
  readonly client: ScimClientConfig;
  /** The populations the client is confined to; undefined: the whole hub. */
  readonly populationIds?: readonly string[];
}

/**
 * One SCIM request, independent of HTTP: what a route handler needs. A Bulk operation is
 * turned into the same shape, so it goes through exactly the code a single request does.
 */
export interface ScimCall {
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: ListQueryParameters;
  readonly body: unknown;
  readonly ifMatch?: string;
  readonly ifNoneMatch?: string;
  readonly actor: ClientActor;
  /** The mount's absolute base URL, e.g. `https://idsync.example.com/scim/v2`. */
  readonly baseUrl: string;
  /** Size of the request body in bytes (0 without one); each route checks its own limit. */
  readonly bodyBytes: number;
}

/** What a handler answers; the HTTP layer (or the Bulk processor) turns it into a response. */
export interface ScimOutcome {
  readonly status: number;
  /** Already in the mount's wire form; absent for 204 and 304. */
  readonly body?: unknown;
  readonly location?: string;
  readonly etag?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type ScimHandler = (call: ScimCall) => Promise<ScimOutcome>;

/** Which size limit applies to a route's body. */
export type BodyKind = 'none' | 'resource' | 'bulk';

/** One endpoint: method, path segments (`:name` for a parameter), body kind and handler. */
export interface ScimRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly segments: readonly string[];
  readonly body: BodyKind;
  readonly handler: ScimHandler;
}
