import type { RunResult } from '@idsync/sync-server';
import { formatRunLine } from './format-run-summary.js';

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Progress of `idsync sync` over its steps (connection × direction). */
export interface Progress {
  begin(label: string): void;
  finished(runs: readonly RunResult[]): void;
  end(): void;
}

/** The bar drawn in `width` cells for `done` of `total`. */
export function progressBar(done: number, total: number, width = 24): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`;
}

/**
 * On a terminal: one bar redrawn in place, with the step in progress. Otherwise (a pipe, CI):
 * plain lines, one per finished run, that a log keeps readably.
 */
export function createProgress(out: OutputStream, total: number): Progress {
  let done = 0;
  if (!out.isTTY) {
    return {
      begin: () => undefined,
      finished: (runs) => {
        done++;
        for (const run of runs) out.write(`${formatRunLine(run)}\n`);
      },
      end: () => undefined,
    };
  }
  let current = '';
  const draw = () => {
    const line = `${progressBar(done, total)} ${current}`;
    out.write(`\r\x1b[2K${line.slice(0, (out.columns ?? 100) - 1)}`);
  };
  return {
    begin: (label) => {
      current = label;
      draw();
    },
    finished: () => {
      done++;
      draw();
    },
    end: () => {
      current = '';
      draw();
      out.write('\n');
    },
  };
}
