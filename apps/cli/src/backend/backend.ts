import type { ObjectExplanation, ObjectSyncStatus, ObjectType, TestConnectionResult } from '@idsync/core';
import type { ConnectionStatus, Direction, PlanRun, RunResult } from '@idsync/sync-server';

export interface ConnectionSummary {
  readonly name: string;
  readonly connector: string;
  readonly directions: readonly Direction[];
}

export interface Explanation {
  readonly hubId: string;
  readonly explanations: readonly ObjectExplanation[];
  readonly status: readonly ObjectSyncStatus[];
}

/**
 * What the CLI's commands need, whether they work on a config file directly (the engine runs
 * in the CLI's process) or against a running server (its admin API). Same results both ways.
 */
export interface Backend {
  /** `server …` or `config idsync.yaml (store …)`: shown in headers. */
  readonly describe: string;
  connections(): Promise<ConnectionSummary[]>;
  plan(connection: string): Promise<PlanRun[]>;
  sync(
    connection: string,
    mode: 'full' | 'incremental',
    directions: readonly Direction[],
  ): Promise<RunResult[]>;
  status(): Promise<ConnectionStatus[]>;
  explain(objectType: ObjectType, ref: string, connection?: string): Promise<Explanation>;
  approve(runId: string, comment?: string): Promise<RunResult[]>;
  testConnection(name: string): Promise<TestConnectionResult>;
  close(): Promise<void>;
}

/** A failure the CLI reports in one line and an exit code, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
