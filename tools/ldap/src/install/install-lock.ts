import { open, readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

import { SlapdToolError } from '../errors/slapd-tool-error.js';

export interface InstallLockOptions {
  /** Give up waiting for another installer after this long. */
  readonly timeoutMs?: number;
  /** How often a waiter looks again. */
  readonly pollMs?: number;
}

/**
 * Runs `work` while holding an exclusive lock file, so that several Jest workers (separate
 * processes) that all find slapd missing do not start `apt-get` at once: dpkg has its own lock
 * and the losers would fail with "Could not get lock" instead of waiting.
 *
 * The lock is a file created with O_EXCL holding the owner's pid. A lock whose owner has died
 * (a worker killed mid-install) is removed so the next caller can go on. Two waiters that find
 * the same dead owner at the same moment could both remove it; the window is tiny, the owner
 * must have crashed first, and the worst outcome is an apt-get that fails on dpkg's lock.
 */
export async function withInstallLock<T>(
  lockPath: string,
  work: () => Promise<T>,
  options: InstallLockOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const pollMs = options.pollMs ?? 250;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await tryCreateLock(lockPath)) break;
    if (await ownerIsGone(lockPath)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new SlapdToolError(
        'install-lock-timeout',
        `Waited ${timeoutMs} ms for another process to finish installing slapd (lock file ${lockPath}). ` +
          'If no install is running, delete that file and try again.',
      );
    }
    await sleep(pollMs);
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

async function tryCreateLock(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx', 0o644);
    try {
      await handle.writeFile(`${process.pid}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** True when the lock names a pid that no longer exists (or the lock vanished meanwhile). */
async function ownerIsGone(lockPath: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false; // released: just retry
    throw error;
  }
  const pid = Number.parseInt(text.trim(), 10);
  // An empty file is a lock being written right now, not a dead one.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  return !processExists(pid);
}

/** Signal 0 checks existence without touching the process; EPERM means it exists as another user. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
