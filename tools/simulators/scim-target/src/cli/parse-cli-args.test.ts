import { describe, expect, it } from '@jest/globals';
import { parseCliArgs } from './parse-cli-args.js';

describe('parseCliArgs', () => {
  it('reads the documented example into options', () => {
    const { options } = parseCliArgs([
      '--profile',
      'aws-identity-center',
      '--version',
      '2.0',
      '--port',
      '8080',
      '--token',
      'secret',
    ]);
    expect(options).toEqual({
      profile: 'aws-identity-center',
      version: '2.0',
      port: 8080,
      auth: { kind: 'bearer', token: 'secret' },
    });
  });

  it('reads auth, limits, ETags, PATCH and faults', () => {
    const { options } = parseCliArgs([
      '--oauth',
      'client:se:cret',
      '--token-ttl',
      '120',
      '--rate-limit',
      '600/60000',
      '--page-size',
      '25',
      '--max-page-size',
      '50',
      '--etag',
      '--no-patch',
      '--latency',
      '30',
      '--error-rate',
      '0.1',
      '--seed',
      '7',
    ]);
    expect(options).toEqual({
      auth: { kind: 'oauth', clientId: 'client', clientSecret: 'se:cret', tokenTtlSeconds: 120 },
      rateLimit: { requests: 600, windowMs: 60_000 },
      pageSize: { default: 25, max: 50 },
      etag: true,
      patch: false,
      faults: { seed: 7, latency: { ms: 30 }, randomErrors: { probability: 0.1 } },
    });
    expect(parseCliArgs(['--basic', 'admin:pw']).options.auth).toEqual({
      kind: 'basic',
      username: 'admin',
      password: 'pw',
    });
  });

  it('names the flag in every mistake', () => {
    expect(() => parseCliArgs(['--version', '3'])).toThrow(/--version/);
    expect(() => parseCliArgs(['--port', 'eighty'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--rate-limit', '10'])).toThrow(/--rate-limit/);
    expect(() => parseCliArgs(['--basic', 'nopassword'])).toThrow(/--basic/);
    expect(() => parseCliArgs(['--token', 'a', '--basic', 'u:p'])).toThrow(/--token and --basic/);
    expect(() => parseCliArgs(['--error-rate', '2'])).toThrow(/--error-rate/);
    expect(() => parseCliArgs(['--frobnicate'])).toThrow(/frobnicate/);
  });

  it('asks for help', () => {
    expect(parseCliArgs(['--help']).help).toBe(true);
  });
});
