import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { interpolateEnv } from './interpolate-env.js';

const format = (path: readonly PropertyKey[]) => path.map(String).join('.');

describe('interpolateEnv', () => {
  it('replaces references in nested strings and leaves other values alone', () => {
    const result = interpolateEnv(
      { a: 'x-${A}-y', list: ['${B}', 3, true], deep: { n: null } },
      { A: 'one', B: 'two' },
      format,
    );
    expect(result.value).toEqual({ a: 'x-one-y', list: ['two', 3, true], deep: { n: null } });
    expect([...result.interpolatedPaths]).toEqual(['a', 'list.0']);
    expect(result.issues).toEqual([]);
  });

  it('uses a default for an unset or empty variable, and writes $${ as a literal', () => {
    const result = interpolateEnv(
      { a: '${UNSET:-fallback}', b: '${EMPTY:-d}', c: 'cost $${PRICE}' },
      { EMPTY: '' },
      format,
    );
    expect(result.value).toEqual({ a: 'fallback', b: 'd', c: 'cost ${PRICE}' });
  });

  it('reports each missing variable with its key', () => {
    const result = interpolateEnv({ db: { url: '${DATABASE}' }, t: '${T1}${T2}' }, { T1: 'x' }, format);
    expect(result.issues.map((issue) => [issue.key, issue.problem])).toEqual([
      ['db.url', 'refers to the environment variable DATABASE, which is not set.'],
      ['t', 'refers to the environment variable T2, which is not set.'],
    ]);
  });

  it('substitutes any value exactly, and remembers it so messages can hide it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (secret) => {
        const result = interpolateEnv({ token: 'Bearer ${TOKEN}' }, { TOKEN: secret }, format);
        expect(result.value).toEqual({ token: `Bearer ${secret}` });
        expect(result.substitutedValues.has(secret)).toBe(true);
      }),
    );
  });
});
