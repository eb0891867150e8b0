import type { ObjectType, TestConnectionResult } from '@idsync/core';
import type { ConnectionStatus, Direction, PlanRun, RunResult } from '@idsync/sync-server';
import { CliError, type Backend, type ConnectionSummary, type Explanation } from './backend.js';

interface ApiError {
  readonly error?: string;
  readonly issues?: readonly { key: string; problem: string; fix: string }[];
}

/** The admin API of a running server, over HTTP with its bearer token. */
export class RemoteBackend implements Backend {
  readonly describe: string;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.describe = `server ${baseUrl}`;
  }

  async connections(): Promise<ConnectionSummary[]> {
    const list = await this.call<{ name: string; connector: string; directions: Direction[] }[]>(
      'GET',
      '/api/connections',
    );
    return list.map(({ name, connector, directions }) => ({ name, connector, directions }));
  }

  async plan(connection: string): Promise<PlanRun[]> {
    return (
      await this.call<{ runs: PlanRun[] }>('POST', `/api/connections/${encodeURIComponent(connection)}/plan`)
    ).runs;
  }

  async sync(
    connection: string,
    mode: 'full' | 'incremental',
    directions: readonly Direction[],
  ): Promise<RunResult[]> {
    return (
      await this.call<{ runs: RunResult[] }>(
        'POST',
        `/api/connections/${encodeURIComponent(connection)}/sync`,
        { mode, directions },
      )
    ).runs;
  }

  async status(): Promise<ConnectionStatus[]> {
    return (await this.call<{ connections: ConnectionStatus[] }>('GET', '/api/status')).connections;
  }

  explain(objectType: ObjectType, ref: string, connection?: string): Promise<Explanation> {
    const query = connection ? `?connection=${encodeURIComponent(connection)}` : '';
    return this.call(
      'GET',
      `/api/explain/${objectType === 'User' ? 'users' : 'groups'}/${encodeURIComponent(ref)}${query}`,
    );
  }

  async approve(runId: string, comment?: string): Promise<RunResult[]> {
    return (
      await this.call<{ runs: RunResult[] }>(
        'POST',
        `/api/runs/${encodeURIComponent(runId)}/approve`,
        comment ? { comment, approvedBy: 'idsync CLI' } : { approvedBy: 'idsync CLI' },
      )
    ).runs;
  }

  testConnection(name: string): Promise<TestConnectionResult> {
    return this.call('POST', `/api/connections/${encodeURIComponent(name)}/test`);
  }

  async close(): Promise<void> {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchImpl(new URL(path, this.baseUrl), {
        method,
        headers: {
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...(body !== undefined || method === 'POST' ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined || method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
      });
    } catch (error) {
      throw new CliError(
        `Cannot reach the idsync server at ${this.baseUrl}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}. Is it running?`,
      );
    }
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const problem = parsed as ApiError | undefined;
      const issues =
        problem?.issues?.map((issue) => `\n  - ${issue.key}: ${issue.problem} ${issue.fix}`).join('') ?? '';
      const hint = response.status === 401 ? ' Pass --token or set IDSYNC_ADMIN_TOKEN.' : '';
      throw new CliError(
        `${problem?.error ?? `The server answered ${response.status}.`}${hint}${issues}`,
        response.status === 401 ? 4 : 1,
      );
    }
    return parsed as T;
  }
}
