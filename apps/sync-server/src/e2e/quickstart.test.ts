import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { eventually, NODE, SERVER_MAIN, tempDir } from './server-process.js';

const QUICKSTART = join(SERVER_MAIN, '../quickstart/main.js');

/** `npm start` as a newcomer runs it: the quickstart process, its printed banner, and stopping it with Ctrl-C. */
function startQuickstart(cwd: string, env: Record<string, string>) {
  const child = spawn(NODE, [QUICKSTART, '--target-port', '0'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const text = () => output.join('');
  const field = (label: string) => new RegExp(`^ {2}${label} +(\\S+)`, 'm').exec(text())?.[1];
  return { child, exited, text, field };
}

describe('the quickstart (npm start)', () => {
  it('provisions the demo users, prints working next steps, and keeps its state across a restart', async () => {
    const cwd = await tempDir('quickstart');
    const token = 'quickstart-token-for-the-test-0123';
    const first = startQuickstart(cwd, { IDSYNC_QUICKSTART_TOKEN: token });
    try {
      await eventually('the banner', async () => first.text().includes('Stop with Ctrl-C'), 60_000);
      const admin = first.field('Admin API')!.replace(/\/api$/, '');
      const targetUrl = first.field('SCIM target')!;
      expect(first.field('Token')).toBe(token);
      expect(first.text()).toContain('from IDSYNC_QUICKSTART_TOKEN');
      expect(first.text()).toContain('The hub was seeded with 5 demo users and 2 groups');
      const auth = { authorization: `Bearer ${token}` };

      // The demo directory arrives at the target.
      const targetUsers = async () =>
        ((await (await fetch(`${targetUrl}/Users`, { headers: auth })).json()) as { totalResults: number })
          .totalResults;
      await eventually('the demo users at the target', async () => (await targetUsers()) === 5);

      // The printed curl command creates a user through SCIM inbound; the printed check finds it at the target.
      const body = /-d '(\{.*\})'/.exec(first.text())![1]!;
      const created = await fetch(`${admin}/scim/v2/Users`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/scim+json' },
        body,
      });
      expect(created.status).toBe(201);
      const check = /curl -s -H 'Authorization: Bearer [^']+' '([^']+)'/.exec(first.text())![1]!;
      await eventually(
        'Grace at the target',
        async () =>
          ((await (await fetch(check, { headers: auth })).json()) as { totalResults: number })
            .totalResults === 1,
      );

      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);
    } finally {
      first.child.kill('SIGKILL');
    }

    const second = startQuickstart(cwd, { IDSYNC_QUICKSTART_TOKEN: token });
    try {
      await eventually(
        'the banner after a restart',
        async () => second.text().includes('Stop with Ctrl-C'),
        60_000,
      );
      expect(second.text()).toContain('The hub kept its users from the last run');
      const targetUrl = second.field('SCIM target')!;
      const list = (await (
        await fetch(`${targetUrl}/Users`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { totalResults: number };
      expect(list.totalResults).toBe(6);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(second.text()).not.toMatch(/ error /);
    } finally {
      second.child.kill('SIGKILL');
    }
  }, 180_000);
});
