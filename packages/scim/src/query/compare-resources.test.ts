import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ScimError } from '../errors/scim-error.js';
import { createCoreRegistry } from '../schema/core-registry.js';
import { defineAttribute } from '../schema/definitions/define-attribute.js';
import { ENTERPRISE_USER_SCHEMA } from '../schema/urns.js';
import { compareResources, sortResources } from './compare-resources.js';

const registry = createCoreRegistry({
  extensions: [
    {
      resourceType: 'User',
      schema: {
        id: 'urn:acme:hr',
        name: 'Hr',
        attributes: [
          defineAttribute('level', { type: 'integer' }),
          defineAttribute('salary', { type: 'decimal' }),
          defineAttribute('contractor', { type: 'boolean' }),
          defineAttribute('hired', { type: 'dateTime' }),
          defineAttribute('code', { caseExact: true }),
        ],
      },
    },
  ],
});
const context = { registry, scope: registry.scopeOf('User') };

type User = Record<string, unknown> & { id: string };
const ids = (users: readonly User[]) => users.map((u) => u.id);
const sorted = (users: User[], sortBy: string, order?: 'ascending' | 'descending') =>
  ids([...users].sort(compareResources(sortBy, order, context)));
const hr = (id: string, values: Record<string, unknown>): User => ({ id, 'urn:acme:hr': values });

describe('compareResources', () => {
  it('sorts case-insensitive strings without case (userName is caseExact false)', () => {
    const users = [
      { id: 'b', userName: 'bob' },
      { id: 'A', userName: 'Alice' },
      { id: 'c', userName: 'carol' },
      { id: 'B', userName: 'BOB' },
    ];
    expect(sorted(users, 'userName')).toEqual(['A', 'b', 'B', 'c']);
  });

  it('sorts case-exact strings by code point, upper case first', () => {
    const users = [
      hr('1', { code: 'b' }),
      hr('2', { code: 'B' }),
      hr('3', { code: 'a' }),
      hr('4', { code: 'A' }),
    ];
    expect(sorted(users, 'urn:acme:hr:code')).toEqual(['4', '2', '3', '1']);
  });

  it('orders characters outside the BMP after every BMP character (code points, not UTF-16 units)', () => {
    const users = [
      { id: 'astral', userName: '\u{1F600}' },
      { id: 'bmp', userName: '\uFF21' },
    ];
    expect(sorted(users, 'userName')).toEqual(['bmp', 'astral']);
  });

  it('sorts integers and decimals as numbers, not text', () => {
    const users = [hr('ten', { level: 10 }), hr('two', { level: 2 }), hr('minus', { level: -1 })];
    expect(sorted(users, 'level')).toEqual(['minus', 'two', 'ten']);
    expect(sorted([hr('a', { salary: 10.5 }), hr('b', { salary: 9.75 })], 'salary')).toEqual(['b', 'a']);
  });

  it('sorts booleans false before true', () => {
    expect(sorted([hr('t', { contractor: true }), hr('f', { contractor: false })], 'contractor')).toEqual([
      'f',
      't',
    ]);
  });

  it('sorts dateTimes as instants, whatever their offset, down to sub-millisecond digits', () => {
    const users = [
      hr('later-utc', { hired: '2024-05-01T10:30:00Z' }),
      hr('earlier-offset', { hired: '2024-05-01T12:00:00+02:00' }),
      hr('nanos-2', { hired: '2024-05-01T10:15:00.0000002Z' }),
      hr('nanos-1', { hired: '2024-05-01T10:15:00.0000001Z' }),
    ];
    expect(sorted(users, 'hired')).toEqual(['earlier-offset', 'nanos-1', 'nanos-2', 'later-utc']);
  });

  it('sorts resources without a value last ascending and first descending', () => {
    const users = [
      { id: 'none' },
      { id: 'b', displayName: 'b' },
      { id: 'null', displayName: null },
      { id: 'a', displayName: 'a' },
    ];
    expect(sorted(users, 'displayName', 'ascending')).toEqual(['a', 'b', 'none', 'null']);
    expect(sorted(users, 'displayName', 'descending')).toEqual(['none', 'null', 'b', 'a']);
  });

  it('defaults to ascending', () => {
    const users = [
      { id: '2', userName: 'b' },
      { id: '1', userName: 'a' },
    ];
    expect(sorted(users, 'userName')).toEqual(['1', '2']);
  });

  it('sorts a multi-valued attribute by its primary value, else its first', () => {
    const users = [
      { id: 'primary-z', emails: [{ value: 'a@x' }, { value: 'z@x', primary: true }] },
      { id: 'first-m', emails: [{ value: 'm@x' }, { value: 'b@x' }] },
      { id: 'only-c', emails: [{ value: 'c@x', type: 'work' }] },
    ];
    expect(sorted(users, 'emails.value')).toEqual(['only-c', 'first-m', 'primary-z']);
    expect(sorted(users, 'emails')).toEqual(['only-c', 'first-m', 'primary-z']);
  });

  it('sorts by a sub-attribute of a single complex attribute and by an extension attribute', () => {
    const users = [
      { id: 'j', name: { familyName: 'Jensen' }, [ENTERPRISE_USER_SCHEMA]: { department: 'Sales' } },
      { id: 'a', name: { familyName: 'adams' }, [ENTERPRISE_USER_SCHEMA]: { department: 'R&D' } },
    ];
    expect(sorted(users, 'name.familyName')).toEqual(['a', 'j']);
    expect(sorted(users, 'department', 'descending')).toEqual(['j', 'a']);
    expect(sorted(users, `${ENTERPRISE_USER_SCHEMA}:department`)).toEqual(['a', 'j']);
  });

  it('sorts by meta.lastModified', () => {
    const users = [
      { id: 'new', meta: { lastModified: '2025-01-01T00:00:00Z' } },
      { id: 'old', meta: { lastModified: '2020-01-01T00:00:00Z' } },
    ];
    expect(sorted(users, 'meta.lastModified')).toEqual(['old', 'new']);
  });

  it('keeps the input order of equal values (stable)', () => {
    const users = [
      { id: '1', userName: 'same' },
      { id: '2', userName: 'SAME' },
      { id: '3', userName: 'Same' },
    ];
    expect(sorted(users, 'userName')).toEqual(['1', '2', '3']);
    expect(sorted(users, 'userName', 'descending')).toEqual(['1', '2', '3']);
  });

  it('rejects an unknown sortBy, and a single complex attribute without a sub-attribute', () => {
    expect(() => compareResources('shoeSize', 'ascending', context)).toThrow(ScimError);
    expect(() => compareResources('shoeSize', 'ascending', context)).toThrow(/"sortBy".*shoeSize/);
    expect(() => compareResources('name', 'ascending', context)).toThrow(/name\.formatted/);
  });

  it('orders descending exactly as the reverse of ascending for distinct values, missing values aside', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { maxLength: 20 }), fc.nat({ max: 5 }), (levels, missing) => {
        const users: User[] = [
          ...levels.map((level, i) => hr(`u${i}`, { level })),
          ...Array.from({ length: missing }, (_, i) => ({ id: `m${i}` })),
        ];
        const up = sorted(users, 'level', 'ascending');
        const down = sorted(users, 'level', 'descending');
        const present = (list: string[]) => list.filter((id) => id.startsWith('u'));
        expect(present(down)).toEqual([...present(up)].reverse());
        expect(up.slice(levels.length).every((id) => id.startsWith('m'))).toBe(true);
        expect(down.slice(0, missing).every((id) => id.startsWith('m'))).toBe(true);
      }),
    );
  });
});

describe('sortResources', () => {
  it('sorts a copy in the same order as compareResources', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string(), { nil: undefined }), { maxLength: 30 }), (names) => {
        const users: User[] = names.map((userName, i) =>
          userName === undefined ? { id: `${i}` } : { id: `${i}`, userName },
        );
        const copy = [...users];
        expect(ids(sortResources(users, 'userName', 'descending', context))).toEqual(
          sorted(users, 'userName', 'descending'),
        );
        expect(users).toEqual(copy);
      }),
    );
  });
});
