import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ConnectorError } from '@idsync/core';
import {
  changeHash,
  decodeChangeToken,
  deleteDetectionOf,
  encodeChangeToken,
  type ChangeToken,
} from './change-token.js';

const token: ChangeToken = {
  type: 'User',
  scope: 'scope-1',
  upserts: { floor: 1_700_000_000, seen: [changeHash('id', 'csn')] },
  deletes: { floor: 1_699_999_999, seen: [], logDn: 'cn=accesslog', hadHistory: true },
};

describe('change tokens', () => {
  it('say in plain text whether deletions are reported', () => {
    expect(encodeChangeToken(token)).toMatch(/^ldap1\.accesslog\./);
    const { deletes: _deletes, ...withoutLog } = token;
    const reconcile = encodeChangeToken(withoutLog);
    expect(reconcile).toMatch(/^ldap1\.reconcile\./);
    expect(deleteDetectionOf(reconcile)).toBe('reconcile');
    expect(deleteDetectionOf('something else')).toBeUndefined();
  });

  it('round-trip every state', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.string({ minLength: 16, maxLength: 16 }), { maxLength: 20 }),
        fc.option(
          fc.record({
            floor: fc.nat(),
            seen: fc.array(fc.string({ minLength: 16, maxLength: 16 })),
            logDn: fc.string(),
            hadHistory: fc.boolean(),
          }),
          { nil: undefined },
        ),
        (floor, seen, deletes) => {
          const state: ChangeToken = {
            type: 'Group',
            scope: 's',
            upserts: { floor, seen },
            ...(deletes ? { deletes } : {}),
          };
          expect(decodeChangeToken(encodeChangeToken(state), 'Group', 's')).toEqual(state);
        },
      ),
    );
  });

  it.each([
    ['a foreign token', 'not-a-token', 'User', 'scope-1', /not issued by the LDAP connector/],
    ['a damaged token', 'ldap1.accesslog.%%%', 'User', 'scope-1', /damaged/],
    ['a token of the other type', encodeChangeToken(token), 'Group', 'scope-1', /issued for User objects/],
    [
      'a token of another layout',
      encodeChangeToken(token),
      'User',
      'scope-2',
      /other base DNs or with another filter/,
    ],
    [
      'a token whose mode contradicts its state',
      encodeChangeToken(token).replace('accesslog', 'reconcile'),
      'User',
      'scope-1',
      /damaged/,
    ],
  ] as const)('refuse %s with invalid, asking for a full reconciliation', (_what, text, type, scope, why) => {
    let error: unknown;
    try {
      decodeChangeToken(text, type, scope);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'invalid' });
    expect((error as Error).message).toMatch(why);
    expect((error as Error).message).toMatch(/full reconciliation/);
  });

  it('hash changes of the same entry apart', () => {
    expect(changeHash('id', 'csn-1')).not.toBe(changeHash('id', 'csn-2'));
    expect(changeHash('id', 'csn-1')).toHaveLength(16);
  });
});
