import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { workspaceRoot } from './workspace-root.js';

/**
 * The dependency rules of ARCHITECTURE.md are enforced by lint; these tests prove the lint
 * rule really rejects a forbidden import (a misconfigured rule would silently allow all).
 */
const eslint = new ESLint({ cwd: workspaceRoot });

async function boundaryErrors(fileInProject: string, importedPackage: string): Promise<string[]> {
  const code = `import * as imported from '${importedPackage}';\nexport const used = imported;\n`;
  const [result] = await eslint.lintText(code, { filePath: join(workspaceRoot, fileInProject) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === '@nx/enforce-module-boundaries')
    .map((message) => message.message);
}

describe('dependency rules', () => {
  it('forbids @idsync/scim from importing any other project', async () => {
    const errors = await boundaryErrors('packages/scim/src/boundary-probe.ts', '@idsync/workspace');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('type:scim');
  });

  it('lets tools import the protocol library', async () => {
    expect(await boundaryErrors('tools/bench/src/boundary-probe.ts', '@idsync/scim')).toEqual([]);
  });
});
