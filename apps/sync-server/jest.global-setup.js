import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The end-to-end tests run the BUILT server as a real process: build it (and what it depends
 * on) first. `tsc -b` does nothing when dist/ is current.
 */
export default function buildServer() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  execFileSync(resolve(root, 'node_modules/.bin/tsc'), ['-b', 'apps/sync-server'], {
    cwd: root,
    stdio: 'inherit',
  });
}
