import { spawn } from 'node:child_process';

/** How a finished command ended and what it printed. */
export interface CommandResult {
  /** Null when the command was ended by a signal. */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Extra environment variables, merged over the current process environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Text written to the command's standard input (then closed). */
  readonly input?: string;
}

/**
 * Runs a program to completion. An interface so the install decision logic can be tested with
 * a scripted runner instead of a real `apt-get` (jest.mock does not work with native ESM).
 */
export interface CommandRunner {
  /** Resolves with the result whatever the exit code; rejects only when the program cannot be started. */
  run(command: string, args: readonly string[], options?: RunOptions): Promise<CommandResult>;
}

/** Runs commands with `child_process.spawn`, no shell, so arguments are never re-parsed. */
export const spawnCommandRunner: CommandRunner = {
  run(command, args, options = {}) {
    return new Promise((resolve, reject) => {
      const child = spawn(command, [...args], {
        env: { ...process.env, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', reject);
      child.on('close', (exitCode) =>
        resolve({
          exitCode,
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
        }),
      );
      child.stdin.on('error', () => {
        // The program may exit without reading its input; its exit code tells what happened.
      });
      child.stdin.end(options.input ?? '');
    });
  },
};

/** The last `maxChars` characters of a program's output, for error messages. */
export function outputTail(text: string, maxChars = 2000): string {
  const trimmed = text.trimEnd();
  return trimmed.length <= maxChars ? trimmed : `…${trimmed.slice(trimmed.length - maxChars)}`;
}
