import { describe, expect, it } from '@jest/globals';
import { CliError } from './backend/backend.js';
import { parseCliArgs } from './parse-cli-args.js';

const parse = (argv: string[], env: Record<string, string> = {}) => parseCliArgs(argv, env);
const refusal = (argv: string[], env: Record<string, string> = {}) => {
  try {
    parse(argv, env);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('accepted');
};

describe('parseCliArgs', () => {
  it('reads commands, their arguments and the default config file', () => {
    expect(parse(['plan', 'crm', 'hr'])).toMatchObject({
      command: 'plan',
      positionals: ['crm', 'hr'],
      config: 'idsync.yaml',
      json: false,
      mode: 'full',
    });
    expect(parse(['connector', 'test', 'crm'])).toMatchObject({
      command: 'connector test',
      positionals: ['crm'],
    });
    expect(parse(['explain', 'ada@example.com', '--group', '--connection', 'crm'])).toMatchObject({
      command: 'explain',
      group: true,
      connection: 'crm',
    });
    expect(parse(['sync', '--incremental', '--direction', 'in'])).toMatchObject({
      mode: 'incremental',
      directions: ['inbound'],
    });
    expect(parse(['approve', 'r-1', '--comment', 'ok'])).toMatchObject({
      command: 'approve',
      positionals: ['r-1'],
      comment: 'ok',
    });
    expect(parse([]).command).toBe('help');
    expect(parse(['status', '-h']).command).toBe('help');
  });

  it('works against a server given by flag or environment, with the token from either', () => {
    expect(parse(['status', '--server', 'http://127.0.0.1:8080', '--token', 't'])).toMatchObject({
      server: 'http://127.0.0.1:8080',
      token: 't',
    });
    const fromEnv = parse(['status'], { IDSYNC_SERVER_URL: 'http://h:1', IDSYNC_ADMIN_TOKEN: 'e' });
    expect(fromEnv).toMatchObject({ server: 'http://h:1', token: 'e' });
    expect(fromEnv.config).toBeUndefined();
    expect(parse(['validate'], { IDSYNC_CONFIG: 'other.yaml' }).config).toBe('other.yaml');
  });

  it('refuses mistakes with exit code 2 and a message that names the fix', () => {
    expect(refusal(['frobnicate'])).toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('"frobnicate" is not an idsync command'),
    });
    expect(refusal(['explain']).message).toContain('takes one argument: <user>');
    expect(refusal(['connector', 'list']).message).toContain('idsync connector test <name>');
    expect(refusal(['sync', '--full', '--incremental']).message).toContain('not both');
    expect(refusal(['sync', '--direction', 'up']).message).toContain('inbound (in) or outbound (out)');
    expect(refusal(['status', '--config', 'a.yaml', '--server', 'http://x:1']).message).toContain('not both');
    expect(refusal(['status', '--server', 'nowhere']).message).toContain("give the server's URL");
    expect(refusal(['plan', '--bogus']).exitCode).toBe(2);
  });
});
