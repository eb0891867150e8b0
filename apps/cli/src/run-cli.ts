import { ConfigError } from '@idsync/core';
import { serve } from '@idsync/sync-server';
import { CliError, type Backend } from './backend/backend.js';
import { LocalBackend } from './backend/local-backend.js';
import { RemoteBackend } from './backend/remote-backend.js';
import type { CliIo } from './cli-io.js';
import {
  approveCommand,
  connectorTestCommand,
  explainCommand,
  planCommand,
  statusCommand,
  syncCommand,
} from './commands/backend-commands.js';
import { initCommand } from './commands/init-command.js';
import { validateCommand } from './commands/validate-command.js';
import { parseCliArgs, USAGE, type CliArgs } from './parse-cli-args.js';

export type BackendFactory = (args: CliArgs, io: CliIo) => Promise<Backend>;

export const openBackend: BackendFactory = async (args, io) =>
  args.server ? new RemoteBackend(args.server, args.token) : LocalBackend.open(args.config!, io.env);

const BACKEND_COMMANDS = {
  plan: planCommand,
  sync: syncCommand,
  status: statusCommand,
  explain: explainCommand,
  approve: approveCommand,
  'connector test': connectorTestCommand,
} as const;

/**
 * Runs one `idsync` command and returns its exit code: 0 done, 1 failed, 2 bad arguments or
 * config, 3 the plan deprovisions (or a run waits for approval), 4 refused by the server.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  backends: BackendFactory = openBackend,
): Promise<number> {
  try {
    const args = parseCliArgs(argv, io.env);
    switch (args.command) {
      case 'help':
        io.stdout.write(USAGE);
        return 0;
      case 'init':
        return await initCommand(io, args.positionals[0], args.force);
      case 'validate':
        if (!args.config) throw new CliError('`idsync validate` checks a file: give --config.', 2);
        return await validateCommand(io, args.config, args.json);
      case 'serve':
        if (!args.config) throw new CliError('`idsync serve` needs a config file: give --config.', 2);
        return await serve({ configFile: args.config, env: io.env, stderr: io.stderr });
      default: {
        const backend = await backends(args, io);
        try {
          return await BACKEND_COMMANDS[args.command](io, backend, args);
        } finally {
          await backend.close();
        }
      }
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof CliError) {
      io.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    const name = (error as Error).name;
    if (name === 'NotFoundError' || name === 'ConflictError') {
      io.stderr.write(`${(error as Error).message}\n`);
      return 1;
    }
    io.stderr.write(`idsync: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
