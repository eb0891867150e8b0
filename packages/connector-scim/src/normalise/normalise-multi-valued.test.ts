import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { ScimValue } from '@idsync/scim';
import { normaliseMultiValued, normaliseValues } from './normalise-multi-valued.js';

describe('normaliseValues', () => {
  it('keeps one value per type, the primary one winning', () => {
    const result = normaliseValues('emails', [
      { value: 'a@x.test', type: 'work' },
      { value: 'b@x.test', type: 'work', primary: true },
      { value: 'c@x.test', type: 'home' },
    ]);
    expect(result).toEqual([
      { value: 'b@x.test', type: 'work', primary: true },
      { value: 'c@x.test', type: 'home' },
    ]);
  });

  it('never sends one email twice, not even under two types or in another case', () => {
    const result = normaliseValues('emails', [
      { value: 'Ada@X.test', type: 'work', primary: true },
      { value: 'ada@x.test', type: 'other' },
    ]);
    expect(result).toEqual([{ value: 'Ada@X.test', type: 'work', primary: true }]);
  });

  it('makes exactly one value primary', () => {
    expect(
      normaliseValues('phonenumbers', [
        { value: '1', type: 'work' },
        { value: '2', type: 'mobile' },
      ]),
    ).toEqual([
      { value: '1', type: 'work', primary: true },
      { value: '2', type: 'mobile' },
    ]);
    expect(
      normaliseValues('phonenumbers', [
        { value: '1', type: 'work', primary: true },
        { value: '2', type: 'mobile', primary: 'true' },
      ]),
    ).toEqual([
      { value: '1', type: 'work', primary: true },
      { value: '2', type: 'mobile', primary: false },
    ]);
  });

  it('keeps several roles of one type: only contact attributes have one slot per type', () => {
    const roles = [
      { value: 'admin', type: 'app' },
      { value: 'user', type: 'app' },
    ];
    expect(normaliseValues('roles', roles).map((role) => (role as { value: string }).value)).toEqual([
      'admin',
      'user',
    ]);
  });

  it('leaves simple values alone', () => {
    expect(normaliseValues('emails', ['a', 'a'])).toEqual(['a', 'a']);
  });

  it('always yields distinct values, distinct types and one primary (property)', () => {
    const entry = fc.record(
      {
        value: fc.constantFrom('a@x.test', 'A@x.test', 'b@x.test', 'c@x.test'),
        type: fc.constantFrom('work', 'home', 'other'),
        primary: fc.boolean(),
      },
      { requiredKeys: ['value'] },
    );
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 8 }), (values) => {
        const result = normaliseValues('emails', values as ScimValue[]) as {
          value: string;
          type?: string;
          primary?: boolean;
        }[];
        const lowered = result.map((item) => item.value.toLowerCase());
        const types = result.flatMap((item) => (item.type ? [item.type] : []));
        expect(new Set(lowered).size).toBe(lowered.length);
        expect(new Set(types).size).toBe(types.length);
        expect(result.filter((item) => item.primary === true)).toHaveLength(1);
        // Nothing invented: every kept value was given.
        for (const item of result) expect(values.some((given) => given.value === item.value)).toBe(true);
      }),
    );
  });
});

describe('normaliseMultiValued', () => {
  it('normalises every typed multi-valued attribute and nothing else', () => {
    const resource = normaliseMultiValued({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'ada',
      Emails: [
        { value: 'a@x.test', type: 'work' },
        { value: 'a@x.test', type: 'home' },
      ],
      nickName: 'a',
    });
    expect(resource.Emails).toEqual([{ value: 'a@x.test', type: 'work', primary: true }]);
    expect([resource.userName, resource.nickName]).toEqual(['ada', 'a']);
  });
});
