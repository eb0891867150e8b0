import type { OutputStream } from './output/progress.js';

/** The CLI's world: injected so tests run commands without a terminal or a process of their own. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}
