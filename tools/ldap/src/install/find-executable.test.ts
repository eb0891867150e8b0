import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { findExecutable } from './find-executable.js';

let first: string;
let second: string;
beforeAll(async () => {
  first = await mkdtemp(join(tmpdir(), 'idsync-path-a-'));
  second = await mkdtemp(join(tmpdir(), 'idsync-path-b-'));
  await writeFile(join(first, 'idsync-tool'), 'not executable');
  await writeFile(join(second, 'idsync-tool'), '#!/bin/sh\n');
  await chmod(join(second, 'idsync-tool'), 0o755);
});
afterAll(async () => {
  await rm(first, { recursive: true, force: true });
  await rm(second, { recursive: true, force: true });
});

describe('findExecutable', () => {
  it('skips files that are not executable and finds the next one on PATH', async () => {
    await expect(findExecutable('idsync-tool', [first, second].join(delimiter))).resolves.toBe(
      join(second, 'idsync-tool'),
    );
  });

  it('looks in the system folders even when PATH is empty (slapd is in /usr/sbin)', async () => {
    // `sh` exists on every machine, in /bin or /usr/bin.
    await expect(findExecutable('sh', '')).resolves.toMatch(/^\/(usr\/)?bin\/sh$/);
  });

  it('answers undefined for a program that is nowhere', async () => {
    await expect(findExecutable('idsync-no-such-program', first)).resolves.toBeUndefined();
  });
});
