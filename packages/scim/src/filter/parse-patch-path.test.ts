import { describe, expect, it } from '@jest/globals';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../schema/urns.js';
import { FilterSyntaxError } from './filter-syntax-error.js';
import { formatPatchPath } from './format-filter.js';
import { parsePatchPath } from './parse-patch-path.js';

const KNOWN = [USER_SCHEMA, ENTERPRISE_USER_SCHEMA];

function pathError(text: string): FilterSyntaxError {
  try {
    parsePatchPath(text, KNOWN);
  } catch (error) {
    if (error instanceof FilterSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected "${text}" to be refused`);
}

describe('parsePatchPath', () => {
  it('reads attribute paths with and without sub-attribute and URN', () => {
    expect(parsePatchPath('members')).toEqual({ attribute: { attribute: 'members' } });
    expect(parsePatchPath('name.givenName')).toEqual({
      attribute: { attribute: 'name', subAttribute: 'givenName' },
    });
    expect(parsePatchPath(`${ENTERPRISE_USER_SCHEMA}:manager`, KNOWN)).toEqual({
      attribute: { schema: ENTERPRISE_USER_SCHEMA, attribute: 'manager' },
    });
    expect(parsePatchPath(`${ENTERPRISE_USER_SCHEMA}:manager.value`, KNOWN)).toEqual({
      attribute: { schema: ENTERPRISE_USER_SCHEMA, attribute: 'manager', subAttribute: 'value' },
    });
  });

  it('reads value paths, with a sub-attribute after the filter', () => {
    expect(parsePatchPath('members[value eq "2819c223-7f76-453a-919d-413861904646"]')).toEqual({
      attribute: { attribute: 'members' },
      valueFilter: {
        kind: 'comparison',
        path: { attribute: 'value' },
        operator: 'eq',
        value: '2819c223-7f76-453a-919d-413861904646',
      },
    });
    expect(parsePatchPath('emails[type eq "work" and primary eq true].value')).toMatchObject({
      attribute: { attribute: 'emails' },
      valueFilter: { kind: 'and' },
      subAttribute: 'value',
    });
    expect(
      parsePatchPath(`${USER_SCHEMA.toUpperCase()}:addresses[type eq "work"].streetAddress`, KNOWN),
    ).toMatchObject({
      attribute: { schema: USER_SCHEMA, attribute: 'addresses' },
      subAttribute: 'streetAddress',
    });
  });

  it.each([
    ['', 1, /the path is empty/],
    ['emails[type eq "work"].', 23, /"" after the value filter is not a sub-attribute name/],
    [
      'emails[type eq "work"].value.display',
      23,
      /"value.display" after the value filter is not a sub-attribute name/,
    ],
    ['emails[type eq "work"] x', 24, /expected ".subAttribute" or the end of the text, found "x"/],
    ['emails[type eq]', 15, /expected a value/],
    ['name.givenName extra', 16, /expected "\[" or the end of the text/],
    ['name.givenName[value eq 1]', 1, /not to the sub-attribute/],
    ['emails[x[y eq 1]]', 8, /value filters cannot be nested/],
    [ENTERPRISE_USER_SCHEMA, 1, /names a schema, not an attribute/],
    ['9lives', 1, /is not an attribute path/],
  ])('refuses %j with invalidPath at position %i', (text, position, reason) => {
    const error = pathError(text);
    expect(error.scimType).toBe('invalidPath');
    expect(error.status).toBe(400);
    expect(error.position).toBe(position);
    expect(error.reason).toMatch(reason);
  });

  it('round-trips through formatPatchPath', () => {
    for (const text of [
      'members',
      'name.givenName',
      `${ENTERPRISE_USER_SCHEMA}:manager.value`,
      'members[value eq "2819c223"]',
      'emails[type eq "work" and not (value ew "@example.com")].display',
      `${USER_SCHEMA}:emails[type eq "work"].value`,
    ]) {
      const parsed = parsePatchPath(text, KNOWN);
      expect(formatPatchPath(parsed)).toBe(text);
      expect(parsePatchPath(formatPatchPath(parsed), KNOWN)).toEqual(parsed);
    }
  });

  it('refuses to format a PatchPath the grammar cannot express', () => {
    const filter = { kind: 'present', path: { attribute: 'value' } } as const;
    expect(() =>
      formatPatchPath({ attribute: { attribute: 'name', subAttribute: 'x' }, valueFilter: filter }),
    ).toThrow(/not to the sub-attribute "name.x"/);
    expect(() => formatPatchPath({ attribute: { attribute: 'name' }, subAttribute: 'givenName' })).toThrow(
      /only after a value filter/,
    );
    expect(() =>
      formatPatchPath({ attribute: { attribute: 'emails' }, valueFilter: filter, subAttribute: 'a b' }),
    ).toThrow(/not an attribute name/);
  });
});
