import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const BIN = fileURLToPath(new URL('../../bin/scim-target.js', import.meta.url));

/** The first line the process writes to stdout. */
async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.includes('\n')) return text.split('\n')[0]!;
  }
  throw new Error(`the process ended before printing a line: ${JSON.stringify(text)}`);
}

describe('bin/scim-target.js', () => {
  it('runs the TypeScript sources on Node, prints the base URL, serves, and stops on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      [BIN, '--profile', 'aws-identity-center', '--port', '0', '--token', 'secret'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    try {
      const baseUrl = await firstLine(child.stdout);
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
      const refused = await fetch(`${baseUrl}/Users`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
      const config = await fetch(`${baseUrl}/ServiceProviderConfig`, {
        headers: { authorization: 'Bearer secret' },
      });
      expect(((await config.json()) as { sort: unknown }).sort).toEqual({ supported: false });
      child.kill('SIGINT');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(stderr).not.toContain('ExperimentalWarning: stripTypeScriptTypes');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
