import type { IncomingMessage } from 'node:http';
import type { LoggedRequest } from '../log/request-log.js';

/** Per-request bookkeeping of the target, kept beside Fastify's request. */
export interface RequestState {
  readonly entry: LoggedRequest;
  slowBody?: { readonly chunkBytes: number; readonly intervalMs: number };
}

const states = new WeakMap<IncomingMessage, RequestState>();

export function setRequestState(raw: IncomingMessage, state: RequestState): void {
  states.set(raw, state);
}

export function requestState(raw: IncomingMessage): RequestState | undefined {
  return states.get(raw);
}

/** The path below the SCIM base path (`/Users/1`), or the whole path for routes outside it. */
export function relativePath(path: string, basePath: string): string {
  const lowerPath = path.toLowerCase();
  const lowerBase = basePath.toLowerCase();
  if (lowerPath === lowerBase) return '/';
  return lowerPath.startsWith(`${lowerBase}/`) ? path.slice(basePath.length) : path;
}
