import { parseArgs } from 'node:util';
import { CliError } from './backend/backend.js';

export type CommandName =
  | 'init'
  | 'validate'
  | 'plan'
  | 'sync'
  | 'status'
  | 'explain'
  | 'approve'
  | 'connector test'
  | 'serve'
  | 'help';

export interface CliArgs {
  readonly command: CommandName;
  readonly positionals: readonly string[];
  readonly config?: string;
  readonly server?: string;
  readonly token?: string;
  readonly json: boolean;
  readonly force: boolean;
  readonly mode: 'full' | 'incremental';
  readonly directions?: readonly ('inbound' | 'outbound')[];
  readonly group: boolean;
  readonly connection?: string;
  readonly comment?: string;
}

export const USAGE = `idsync — identity provisioning and sync

Usage: idsync <command> [options]

Commands:
  init [file]              write a starter config (default idsync.yaml)
  validate                 check the config file; every problem with its key and fix
  plan [connection…]       what a sync would do, as a table (--json for JSON); exits 3
                           when the plan would disable or delete anything
  sync [connection…]       run now (--incremental for changes only; --direction in|out)
  status                   sync status of every connection
  explain <user>           why a user (--group: a group) is or is not provisioned, and where
                           each value comes from (--connection to pick one)
  approve <run>            approve a run that waits for approval, and carry it out
  connector test <name>    test a connection: reachability, credentials, discovery
  serve                    run the sync server

Where it works:
  -c, --config <file>      on a config file directly (default: IDSYNC_CONFIG or idsync.yaml)
  --server <url>           against a running server (or IDSYNC_SERVER_URL)
  --token <token>          the server's admin token (or IDSYNC_ADMIN_TOKEN)

Other options: --json, --force (init), --comment <text> (approve), -h, --help
`;

/** Parses `idsync …` arguments; mistakes become a CliError that names the fix (exit 2). */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        server: { type: 'string' },
        token: { type: 'string' },
        json: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        full: { type: 'boolean', default: false },
        incremental: { type: 'boolean', default: false },
        direction: { type: 'string' },
        group: { type: 'boolean', default: false },
        connection: { type: 'string' },
        comment: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nRun \`idsync --help\` for the options.`, 2);
  }
  const { values, positionals } = parsed;
  const [first, ...others] = positionals;
  let rest = others;
  let command: CommandName;
  if (values.help || first === undefined || first === 'help') command = 'help';
  else if (first === 'connector') {
    if (rest[0] !== 'test') throw new CliError('Use `idsync connector test <name>`.', 2);
    command = 'connector test';
    rest = rest.slice(1);
  } else if (['init', 'validate', 'plan', 'sync', 'status', 'explain', 'approve', 'serve'].includes(first))
    command = first as CommandName;
  else throw new CliError(`"${first}" is not an idsync command. Run \`idsync --help\` for the list.`, 2);

  const needsOne: Partial<Record<CommandName, string>> = {
    explain: '<user>',
    approve: '<run id>',
    'connector test': '<connection name>',
  };
  if (needsOne[command] && rest.length !== 1)
    throw new CliError(`\`idsync ${command}\` takes one argument: ${needsOne[command]}.`, 2);
  if (values.full && values.incremental) throw new CliError('Give --full or --incremental, not both.', 2);
  const direction = values.direction;
  if (direction !== undefined && !['in', 'out', 'inbound', 'outbound'].includes(direction)) {
    throw new CliError(`--direction is "${direction}"; use inbound (in) or outbound (out).`, 2);
  }
  const server = values.server ?? env.IDSYNC_SERVER_URL;
  if (server && values.config)
    throw new CliError('Give --config (work on a file) or --server (work against a server), not both.', 2);
  if (server) {
    try {
      new URL(server);
    } catch {
      throw new CliError(`--server is "${server}"; give the server's URL, e.g. http://127.0.0.1:8080.`, 2);
    }
  }
  const config = values.config ?? (server ? undefined : (env.IDSYNC_CONFIG ?? 'idsync.yaml'));
  const token = values.token ?? env.IDSYNC_ADMIN_TOKEN;
  return {
    command,
    positionals: rest,
    ...(config ? { config } : {}),
    ...(server ? { server } : {}),
    ...(token ? { token } : {}),
    json: values.json,
    force: values.force,
    mode: values.incremental ? 'incremental' : 'full',
    ...(direction ? { directions: [direction.startsWith('in') ? 'inbound' : 'outbound'] as const } : {}),
    group: values.group,
    ...(values.connection ? { connection: values.connection } : {}),
    ...(values.comment ? { comment: values.comment } : {}),
  };
}
