import { startScimTarget } from '../start-scim-target.js';
import { parseCliArgs, USAGE } from './parse-cli-args.js';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Resolves on SIGINT or SIGTERM (Ctrl-C, or a process manager stopping the target). */
function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * The `scim-target` command: starts a target from the command line, prints its base URL on the
 * first line of stdout (scripts read it from there), and stops on Ctrl-C. Returns the exit
 * code: 0 after a clean stop, 2 for a usage mistake, 1 when the target could not start.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = processIo,
  stopped = untilSignalled,
): Promise<number> {
  let request;
  try {
    request = parseCliArgs(argv);
  } catch (error) {
    io.err(`scim-target: ${(error as Error).message}`);
    io.err('Run with --help for the options.');
    return 2;
  }
  if (request.help) {
    io.out(USAGE);
    return 0;
  }
  let target;
  try {
    target = await startScimTarget(request.options);
  } catch (error) {
    io.err(`scim-target: ${(error as Error).message}`);
    return 1;
  }
  io.out(target.baseUrl);
  const version = request.options.version ?? '2.0';
  io.err(`SCIM ${version} target, profile ${target.profile.name}, listening at ${target.baseUrl}`);
  if (target.tokenUrl) io.err(`OAuth token endpoint: ${target.tokenUrl}`);
  io.err('Press Ctrl-C to stop.');
  await stopped();
  await target.close();
  return 0;
}
