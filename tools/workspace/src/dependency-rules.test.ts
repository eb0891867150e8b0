import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { workspaceRoot } from './workspace-root.js';

/**
 * The dependency rules of ARCHITECTURE.md are enforced by lint; these tests prove the lint
 * rule really rejects a forbidden import (a misconfigured rule would silently allow all).
 */
const eslint = new ESLint({ cwd: workspaceRoot });

// The boundary rule reads Nx's cached project graph and silently skips itself without one:
// make sure it exists, as `nx run-many -t lint` does.
beforeAll(() => {
  execFileSync(join(workspaceRoot, 'node_modules', '.bin', 'nx'), ['show', 'projects'], {
    cwd: workspaceRoot,
    stdio: 'ignore',
  });
});

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

  it('forbids core from importing a connector', async () => {
    // Refused either way the rule words it: a tag violation, or the cycle it would create.
    const errors = await boundaryErrors('packages/core/src/boundary-probe.ts', '@idsync/connector-scim');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/type:core|Circular dependency/);
  });

  it('forbids a connector from importing the store or another connector', async () => {
    expect(
      await boundaryErrors('packages/connector-scim/src/boundary-probe.ts', '@idsync/store'),
    ).toHaveLength(1);
    expect(
      await boundaryErrors('packages/connector-scim/src/boundary-probe.ts', '@idsync/connector-ldap'),
    ).toHaveLength(1);
  });

  it('lets a connector import core, scim and the testkit', async () => {
    for (const allowed of ['@idsync/core', '@idsync/scim', '@idsync/connector-testkit']) {
      expect(await boundaryErrors('packages/connector-ldap/src/boundary-probe.ts', allowed)).toEqual([]);
    }
  });

  it("lets a connector's tests use the store and the tools, but not another connector", async () => {
    expect(
      await boundaryErrors('packages/connector-scim/src/boundary-probe.test.ts', '@idsync/scim-target'),
    ).toEqual([]);
    expect(
      await boundaryErrors('packages/connector-scim-server/src/boundary-probe.test.ts', '@idsync/store'),
    ).toEqual([]);
    expect(
      await boundaryErrors('packages/connector-scim/src/boundary-probe.test.ts', '@idsync/connector-ldap'),
    ).toHaveLength(1);
  });

  it('lets apps import anything', async () => {
    expect(await boundaryErrors('apps/sync-server/src/boundary-probe.ts', '@idsync/connector-ldap')).toEqual(
      [],
    );
  });
});
