import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** How slapd ended. */
export interface SlapdExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Keep this much of slapd's stderr: enough for the last few error lines, bounded for long runs. */
const STDERR_TAIL_CHARS = 8000;

/**
 * One running slapd and the means to end it. slapd runs in the foreground (`-d`) so that its pid
 * is ours to wait on. It is started:
 * - under `setpriv --pdeathsig TERM` where util-linux has it (always on Debian), so the kernel
 *   stops slapd even when the Node process is killed with SIGKILL and no exit hook runs;
 * - in its own process group (detached), so Ctrl-C in a terminal reaches only Node, which then
 *   stops slapd in order (see cli.ts) instead of racing it;
 * - unreferenced, so a test that forgets stop() does not keep Jest from exiting.
 */
export class SlapdProcess {
  readonly pid: number;
  /** Settles when the process has exited (or could not be started at all). */
  readonly exited: Promise<SlapdExit>;
  #exit: SlapdExit | undefined;
  #stderr = '';
  readonly #child: ChildProcess;

  constructor(slapd: string, args: readonly string[], setpriv: string | undefined) {
    const [command, commandArgs] = setpriv
      ? [setpriv, ['--pdeathsig', 'TERM', '--', slapd, ...args]]
      : [slapd, [...args]];
    this.#child = spawn(command, commandArgs, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    this.exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => resolve((this.#exit = { code, signal })));
      this.#child.once('error', (error) => {
        this.#stderr += `\n${error.message}`;
        resolve((this.#exit = { code: null, signal: null }));
      });
    });
    this.#child.stderr?.setEncoding('utf8');
    this.#child.stderr?.on('data', (text: string) => {
      this.#stderr = (this.#stderr + text).slice(-STDERR_TAIL_CHARS);
    });
    this.#child.unref();
    (this.#child.stderr as { unref?: () => void } | null)?.unref?.();
    this.pid = this.#child.pid ?? -1;
  }

  /** Undefined while running. */
  get exit(): SlapdExit | undefined {
    return this.#exit;
  }

  /** The last few kilobytes slapd wrote to stderr (config errors, bind failures). */
  get stderr(): string {
    return this.#stderr;
  }

  /** SIGTERM (slapd then closes its databases cleanly), SIGKILL after `graceMs`; waits for the exit. */
  async stop(graceMs: number): Promise<SlapdExit> {
    if (this.#exit) return this.#exit;
    // Referenced again so that Node stays alive until the exit has actually been seen.
    this.#child.ref();
    this.#signal('SIGTERM');
    const grace = new AbortController();
    const timedOut = Symbol('timed out');
    const first = await Promise.race([
      this.exited,
      sleep(graceMs, timedOut, { signal: grace.signal }).catch(() => undefined),
    ]);
    grace.abort();
    if (first !== timedOut && first !== undefined) return first;
    this.#signal('SIGKILL');
    return this.exited;
  }

  /** For process-exit hooks, which cannot wait: SIGKILL now. */
  killNow(): void {
    if (!this.#exit) this.#signal('SIGKILL');
  }

  #signal(signal: NodeJS.Signals): void {
    try {
      this.#child.kill(signal);
    } catch {
      // Already gone between the check and the signal.
    }
  }
}
