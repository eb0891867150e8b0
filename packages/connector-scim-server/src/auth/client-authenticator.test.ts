import { describe, expect, it } from '@jest/globals';
import { ClientAuthenticator } from './client-authenticator.js';
import { hashScimSecret, parseSecretHash, secretMatches } from './scim-secret-hash.js';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('hashScimSecret', () => {
  it('never contains the secret and verifies only the same secret, for both algorithms', () => {
    for (const algorithm of ['sha256', 'scrypt'] as const) {
      const hash = hashScimSecret('s3cret-token', algorithm);
      expect(hash).not.toContain('s3cret-token');
      expect(hash.startsWith(`${algorithm}:`)).toBe(true);
      const parsed = parseSecretHash(hash, 'test');
      expect(secretMatches('s3cret-token', parsed)).toBe(true);
      expect(secretMatches('s3cret-tokeN', parsed)).toBe(false);
    }
  });

  it('salts scrypt hashes, so the same password hashes differently', () => {
    expect(hashScimSecret('pw', 'scrypt')).not.toBe(hashScimSecret('pw', 'scrypt'));
  });

  it('refuses a malformed stored hash with a message saying how to make one', () => {
    expect(() => parseSecretHash('plaintext-token', 'clients["x"].bearerTokenHashes[0]')).toThrow(
      /hashScimSecret/,
    );
  });
});

describe('ClientAuthenticator', () => {
  const authenticator = new ClientAuthenticator([
    { id: 'entra', bearerTokenHashes: [hashScimSecret('token-one'), hashScimSecret('token-two')] },
    { id: 'okta', bearerTokenHashes: [hashScimSecret('token-okta', 'scrypt')] },
    { id: 'ping', basic: { username: 'ping', passwordHash: hashScimSecret('pw-ping', 'scrypt') } },
  ]);

  it('finds the client of each of its tokens, with the scheme in any case', () => {
    expect(authenticator.authenticate('Bearer token-one')?.id).toBe('entra');
    expect(authenticator.authenticate('bearer token-two')?.id).toBe('entra');
    expect(authenticator.authenticate('Bearer token-okta')?.id).toBe('okta');
    expect(authenticator.authenticate('Bearer token-okta')?.id).toBe('okta');
    expect(authenticator.authenticate(basic('ping', 'pw-ping'))?.id).toBe('ping');
  });

  it('rejects what does not match exactly', () => {
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Bearer token-on',
      'Bearer token-one2',
      'Token token-one',
      basic('ping', 'pw'),
      basic('other', 'pw-ping'),
      'Basic !!!',
    ]) {
      expect(authenticator.authenticate(header)).toBeUndefined();
    }
  });

  it('refuses a configuration with a client without credentials or with a repeated id', () => {
    expect(() => new ClientAuthenticator([{ id: 'bare' }])).toThrow(/no credentials/);
    expect(
      () =>
        new ClientAuthenticator([
          { id: 'twice', bearerTokenHashes: [hashScimSecret('a')] },
          { id: 'twice', bearerTokenHashes: [hashScimSecret('b')] },
        ]),
    ).toThrow(/twice/);
  });

  it('reports which schemes are configured', () => {
    expect(authenticator.schemes()).toEqual({ bearer: true, basic: true });
    expect(
      new ClientAuthenticator([{ id: 'x', bearerTokenHashes: [hashScimSecret('x')] }]).schemes(),
    ).toEqual({ bearer: true, basic: false });
  });
});
