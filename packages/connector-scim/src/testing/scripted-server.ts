import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as the scripted server saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What a script answers: a status with a JSON or text body, or `destroy` to reset the socket. */
export type ScriptedAnswer =
  | {
      readonly status: number;
      readonly body?: unknown;
      readonly text?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly destroy: true }
  | { readonly hang: true };

export type Script = (request: SeenRequest) => ScriptedAnswer | Promise<ScriptedAnswer>;

/**
 * A real HTTP server on loopback whose answers a test scripts request by request, for the
 * protocol edges a full simulator does not reach on purpose: every error body shape, resets,
 * hangs, token endpoints that misbehave. It records what it received, so tests can assert on
 * the headers and bodies the connector sent.
 */
export class ScriptedServer {
  readonly requests: SeenRequest[] = [];
  #script: Script = () => ({ status: 404, body: { detail: 'no script' } });
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #hanging = new Set<ServerResponse>();

  private constructor() {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://localhost');
        const seen: SeenRequest = {
          method: request.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(seen);
        void Promise.resolve(this.#script(seen)).then((answer) => {
          if ('destroy' in answer) return request.socket.destroy();
          if ('hang' in answer) return void this.#hanging.add(response);
          const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
          const type = answer.text !== undefined ? 'text/plain' : 'application/scim+json';
          response.writeHead(answer.status, { 'content-type': type, ...answer.headers });
          response.end(text);
        });
      });
    });
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(): Promise<ScriptedServer> {
    const server = new ScriptedServer();
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Sets how the server answers from now on, and forgets what it saw. */
  script(script: Script): void {
    this.#script = script;
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    for (const response of this.#hanging) response.destroy();
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** A SCIM 2.0 list response of `resources`. */
export function listBody(
  resources: readonly object[],
  totalResults = resources.length,
  startIndex = 1,
): object {
  return {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
