import { describe, expect, it } from '@jest/globals';
import { adminTokenMatches } from './admin-token.js';

describe('adminTokenMatches', () => {
  const token = 'a-long-admin-token-0123456789';
  it('accepts the token as a bearer credential, in any case of the scheme', () => {
    expect(adminTokenMatches(token, `Bearer ${token}`)).toBe(true);
    expect(adminTokenMatches(token, `bearer ${token}`)).toBe(true);
  });
  it('refuses a missing, different, prefixed or differently-schemed credential', () => {
    for (const header of [
      undefined,
      '',
      'Bearer',
      `Bearer ${token}x`,
      `Bearer ${token.slice(1)}`,
      `Basic ${token}`,
      token,
    ]) {
      expect(adminTokenMatches(token, header)).toBe(false);
    }
  });
});
