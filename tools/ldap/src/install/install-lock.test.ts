import { spawnSync } from 'node:child_process';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

import { SlapdToolError } from '../errors/slapd-tool-error.js';
import { processExists, withInstallLock } from './install-lock.js';

let folder: string;
let lockPath: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'idsync-lock-test-'));
  lockPath = join(folder, 'install.lock');
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('withInstallLock', () => {
  it('lets only one holder in at a time', async () => {
    const events: string[] = [];
    const holder = (name: string) =>
      withInstallLock(
        lockPath,
        async () => {
          events.push(`${name} in`);
          await sleep(30);
          events.push(`${name} out`);
        },
        { pollMs: 5 },
      );
    await Promise.all([holder('a'), holder('b'), holder('c')]);
    expect(events).toHaveLength(6);
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i]!.replace(' in', '')).toBe(events[i + 1]!.replace(' out', ''));
    }
  });

  it('releases the lock when the work throws', async () => {
    await expect(
      withInstallLock(lockPath, async () => {
        throw new Error('apt exploded');
      }),
    ).rejects.toThrow('apt exploded');
    await expect(access(lockPath)).rejects.toThrow();
    await expect(withInstallLock(lockPath, async () => 'again')).resolves.toBe('again');
  });

  it('takes over a lock left by a process that died', async () => {
    const pid = deadPid();
    expect(processExists(pid)).toBe(false);
    await writeFile(lockPath, `${pid}\n`);
    await expect(withInstallLock(lockPath, async () => 'taken over', { timeoutMs: 2000 })).resolves.toBe(
      'taken over',
    );
  });

  it('waits for a live holder and gives up with a typed error naming the lock file', async () => {
    await writeFile(lockPath, `${process.pid}\n`);
    const error = await withInstallLock(lockPath, async () => 'never', { timeoutMs: 100, pollMs: 10 }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(SlapdToolError);
    expect((error as SlapdToolError).code).toBe('install-lock-timeout');
    expect((error as SlapdToolError).detail).toContain(lockPath);
  });
});
