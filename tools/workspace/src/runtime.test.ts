import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from './workspace-root.js';

describe('runtime', () => {
  it('runs on Node 22 or newer (the npm `node` devDependency, not an older system Node)', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(major).toBeGreaterThanOrEqual(22);
  });

  it('declares the same minimum in engines.node', () => {
    const manifest = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8'));
    expect(manifest.engines.node).toBe('>=22');
  });
});
