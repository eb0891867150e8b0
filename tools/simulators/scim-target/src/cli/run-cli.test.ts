import { describe, expect, it } from '@jest/globals';
import { runCli } from './run-cli.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

describe('runCli', () => {
  it('prints the base URL first, serves until stopped, then exits 0', async () => {
    const { io, out, err } = capture();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const exit = runCli(['--profile', 'atlassian', '--token', 't'], io, () => stopped);
    while (out.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const baseUrl = out[0]!;
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    expect(err.join('\n')).toContain('profile atlassian');
    const answer = await fetch(`${baseUrl}/ServiceProviderConfig`, {
      headers: { authorization: 'Bearer t' },
    });
    expect(answer.status).toBe(200);
    stop();
    expect(await exit).toBe(0);
    await expect(fetch(`${baseUrl}/ServiceProviderConfig`)).rejects.toThrow();
  });

  it('exits 2 on a usage mistake and 1 when the target cannot start', async () => {
    const usage = capture();
    expect(await runCli(['--version', '9'], usage.io)).toBe(2);
    expect(usage.err[0]).toContain('--version');
    const start = capture();
    expect(await runCli(['--profile', 'atlassian', '--version', '1.1'], start.io)).toBe(1);
    expect(start.err[0]).toContain('2.0 only');
    const unknown = capture();
    expect(await runCli(['--profile', 'okta'], unknown.io)).toBe(1);
    expect(unknown.err[0]).toContain('Unknown profile "okta"');
  });
});
