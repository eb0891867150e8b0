import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import type { AttributeDefinition, AttributeType } from '../schema/attribute-definition.js';
import { defineAttribute } from '../schema/definitions/define-attribute.js';
import { assertAttributeValue, assertSingleValue } from './assert-attribute-value.js';

const of = (type: AttributeType, multiValued = false): AttributeDefinition =>
  defineAttribute('x', {
    type,
    multiValued,
    ...(type === 'complex' ? { subAttributes: [defineAttribute('y')] } : {}),
  });

describe('assertSingleValue', () => {
  it.each<[AttributeType, unknown]>([
    ['string', 'text'],
    ['string', ''],
    ['reference', 'https://example.com/Users/1'],
    ['binary', 'TUlJRA=='],
    ['boolean', false],
    ['integer', -3],
    ['integer', 0],
    ['decimal', 2.5],
    ['decimal', 7],
    ['dateTime', '2024-05-01T12:00:00Z'],
    ['dateTime', '2024-05-01T12:00:00.1234567+02:00'],
    ['dateTime', '2024-05-01T12:00:00'],
    ['dateTime', '2024-02-29T00:00:00Z'],
    ['complex', { y: 'z' }],
  ])('accepts a %s value %j', (type, value) => {
    expect(() => assertSingleValue(of(type), value, 'x')).not.toThrow();
  });

  it.each<[AttributeType, unknown, string]>([
    ['string', 5, 'a string'],
    ['reference', {}, 'reference (string)'],
    ['binary', 1, 'binary (string)'],
    ['boolean', 'true', 'a boolean'],
    ['integer', 1.5, 'an integer'],
    ['integer', '3', 'an integer'],
    ['decimal', Number.NaN, 'a decimal'],
    ['decimal', Number.POSITIVE_INFINITY, 'a decimal'],
    ['dateTime', '2024-05-01', 'a dateTime'],
    ['dateTime', '2024-13-01T00:00:00Z', 'a dateTime'],
    ['dateTime', '2023-02-29T00:00:00Z', 'a dateTime'],
    ['dateTime', '2024-04-31T00:00:00Z', 'a dateTime'],
    ['dateTime', 1714564800000, 'a dateTime'],
    ['complex', 'text', 'an object'],
    ['complex', [], 'an object'],
    ['complex', null, 'an object'],
  ])('rejects a %s value %j', (type, value, expected) => {
    let error: unknown;
    try {
      assertSingleValue(of(type), value, 'emails[0].value');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).scimType).toBe('invalidValue');
    expect((error as ScimError).detail).toContain('"emails[0].value"');
    expect((error as ScimError).detail).toContain(expected);
  });
});

describe('assertAttributeValue', () => {
  it('accepts null for any attribute: it means no value', () => {
    expect(() => assertAttributeValue(of('string', true), null, 'x')).not.toThrow();
    expect(() => assertAttributeValue(of('integer'), null, 'x')).not.toThrow();
  });

  it('wants an array of valid values for a multi-valued attribute', () => {
    expect(() => assertAttributeValue(of('string', true), ['a', 'b'], 'x')).not.toThrow();
    expect(() => assertAttributeValue(of('string', true), 'a', 'roles')).toThrow(/"roles" is multi-valued/);
    expect(() => assertAttributeValue(of('string', true), ['a', 2], 'roles')).toThrow(
      /"roles" expects a string/,
    );
  });

  it('rejects an array for a single-valued attribute', () => {
    expect(() => assertAttributeValue(of('string'), ['a'], 'title')).toThrow(/"title" is single-valued/);
  });

  it('shows what was sent in the message', () => {
    expect(() => assertAttributeValue(of('boolean'), 'yes', 'active')).toThrow(/got a string \("yes"\)/);
  });
});
