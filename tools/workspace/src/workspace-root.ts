import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root: this file lives at tools/workspace/src. */
export const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
