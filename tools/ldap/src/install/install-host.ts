import { readdir } from 'node:fs/promises';

import { spawnCommandRunner, type CommandRunner } from './command-runner.js';
import { findExecutable } from './find-executable.js';

/**
 * Everything the install decision reads from or does to the machine. Tests pass a scripted
 * host to check each branch (already installed, not root, no apt, stale package lists…)
 * without touching the real system.
 */
export interface InstallHost {
  /** Absolute path of an executable, looked up on PATH and in the system sbin/bin folders. */
  findExecutable(name: string): Promise<string | undefined>;
  /** Only root can run apt-get install. */
  isRoot(): boolean;
  /** False on a fresh container image whose apt lists were deleted to save space. */
  hasPackageLists(): Promise<boolean>;
  readonly runner: CommandRunner;
}

const APT_LISTS = '/var/lib/apt/lists';

/** The real machine. */
export const systemInstallHost: InstallHost = {
  findExecutable: (name) => findExecutable(name),
  isRoot: () => process.getuid?.() === 0,
  async hasPackageLists() {
    try {
      const names = await readdir(APT_LISTS);
      return names.some((name) => name.includes('_Packages'));
    } catch {
      return false;
    }
  },
  runner: spawnCommandRunner,
};
