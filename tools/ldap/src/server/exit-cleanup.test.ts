import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { describe, expect, it } from '@jest/globals';

import { processExists } from '../install/install-lock.js';
import { eventually, processesMentioning } from '../testing/process-probe.js';

const REGISTER = join(import.meta.dirname, '..', '..', 'bin', 'register-ts-resolution.js');
const INDEX = pathToFileURL(join(import.meta.dirname, '..', 'index.ts')).href;

/** Runs `body` as an ES module in a fresh Node process that loads this package from source. */
function runNode(body: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', REGISTER, '--input-type=module', '-e', body], {
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('an instance whose stop() is never called', () => {
  it.each([
    ['ends on its own (nothing keeps it alive)', ''],
    ['calls process.exit()', 'process.exit(0);'],
  ])(
    'is killed and its folder removed when the Node process %s',
    async (_how, ending) => {
      const { code, stdout, stderr } = await runNode(`
        const { startSlapd } = await import(${JSON.stringify(INDEX)});
        const instance = await startSlapd();
        console.log(JSON.stringify({ pid: instance.pid, dataDir: instance.dataDir }));
        ${ending}
      `);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      const { pid, dataDir } = JSON.parse(stdout) as { pid: number; dataDir: string };
      // The hook cannot wait: SIGKILL is sent as Node exits, and init reaps slapd a moment later.
      await eventually(async () => !processExists(pid), `slapd (pid ${pid}) is gone`);
      expect(await processesMentioning(dataDir)).toEqual([]);
      await expect(access(dataDir)).rejects.toThrow(/ENOENT/);
    },
    180_000,
  );
});
