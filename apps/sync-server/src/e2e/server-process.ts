import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Node 24 from the repository (plain `node` on these machines is older). */
export const NODE = join(ROOT, 'node_modules/.bin/node');
export const SERVER_MAIN = join(ROOT, 'apps/sync-server/dist/main.js');

export interface ApiAnswer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly text: string;
}

/** Polls `check` until it returns something truthy; fails after `limitMs` with `what` in the message. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  limitMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `idsync-${prefix}-`));
}

/**
 * The built sync server as a real child process: started with a config file and an
 * environment, its output kept (every line, for the secret checks), its admin API and SCIM
 * endpoints called over loopback, stopped with a signal.
 */
export class ServerProcess {
  readonly output: string[] = [];
  /** Every admin API and SCIM answer body this test saw, for the secret checks. */
  readonly answers: string[] = [];
  url = '';
  private exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    const collect = (chunk: Buffer) => this.output.push(chunk.toString('utf8'));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolveExit) =>
      child.on('exit', (code, signal) => resolveExit(code ?? (signal ? 128 : null))),
    );
  }

  /** Spawns the server with a config text; resolves once it listens (or rejects with its output if it exits). */
  static async start(
    configText: string,
    env: Record<string, string>,
    dir: string,
    file = 'idsync.yaml',
  ): Promise<ServerProcess> {
    const configFile = join(dir, file);
    await writeFile(configFile, configText);
    const server = ServerProcess.spawn(configFile, env, dir);
    const url = await Promise.race([
      eventually(
        'the server to listen',
        async () => /"url":"(http:\/\/[^"]+)"/.exec(server.log())?.[1],
        60_000,
      ),
      server.exited.then((code) => {
        throw new Error(`The server exited with ${code} before listening:\n${server.log()}`);
      }),
    ]);
    server.url = url;
    return server;
  }

  /** Spawns without waiting (for configs that must fail). */
  static spawn(configFile: string, env: Record<string, string>, cwd: string): ServerProcess {
    const child = spawn(NODE, [SERVER_MAIN, '--config', configFile], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServerProcess(child);
  }

  log(): string {
    return this.output.join('');
  }

  /** The JSON log lines, parsed. */
  entries(): Record<string, unknown>[] {
    return this.log()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; contentType?: string } = {},
  ): Promise<ApiAnswer<T>> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': options.contentType ?? 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    this.answers.push(text);
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // metrics and other text answers stay text
    }
    return { status: response.status, body: body as T, text };
  }

  /** Sends a signal and waits for the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }

  waitForExit(): Promise<number | null> {
    return this.exited;
  }
}
