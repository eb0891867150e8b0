import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import type { AttributeDefinition, SchemaDefinition } from './attribute-definition.js';
import { createCoreRegistry } from './core-registry.js';
import { defineAttribute, defineComplex } from './definitions/define-attribute.js';
import { SCHEMA_SCHEMA_DEFINITION } from './definitions/schema-schema.js';
import { validateSchemaDefinition } from './validate-schema-definition.js';

const schema = (...attributes: AttributeDefinition[]): SchemaDefinition => ({
  id: 'urn:acme:ext',
  name: 'Ext',
  attributes,
});

function detailOf(definition: unknown): string {
  try {
    validateSchemaDefinition(definition as SchemaDefinition);
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).scimType).toBe('invalidValue');
    return (error as ScimError).detail;
  }
  throw new Error('expected the definition to be rejected');
}

describe('validateSchemaDefinition', () => {
  it('accepts every schema of the core registry', () => {
    for (const definition of createCoreRegistry().schemas())
      expect(() => validateSchemaDefinition(definition)).not.toThrow();
  });

  it('accepts a custom extension with complex and multi-valued attributes', () => {
    expect(() =>
      validateSchemaDefinition(
        schema(
          defineAttribute('badge'),
          defineComplex(
            'devices',
            [defineAttribute('serial'), defineAttribute('$ref', { type: 'reference' })],
            { multiValued: true },
          ),
        ),
      ),
    ).not.toThrow();
  });

  it.each([
    [{ id: 'acme-ext', name: 'x', attributes: [] }, 'must be a URN'],
    [{ id: 'urn:acme:ext', name: 'x', attributes: {} }, '"attributes" must be a list'],
  ])('rejects a bad schema: %j', (definition, message) => {
    expect(detailOf(definition)).toContain(message);
  });

  it('names the attribute and the problem', () => {
    expect(detailOf(schema(defineAttribute('ok'), defineAttribute('shoe size')))).toMatch(
      /attribute "shoe size".*start with a letter/,
    );
    expect(detailOf(schema(defineAttribute('when', { type: 'date' as never })))).toMatch(
      /attribute "when": type "date"/,
    );
    expect(detailOf(schema(defineAttribute('a', { mutability: 'writeable' as never })))).toMatch(
      /attribute "a": mutability "writeable"/,
    );
    expect(detailOf(schema(defineAttribute('a', { returned: 'sometimes' as never })))).toMatch(
      /returned "sometimes"/,
    );
    expect(detailOf(schema(defineAttribute('a', { uniqueness: 'unique' as never })))).toMatch(
      /uniqueness "unique"/,
    );
  });

  it('rejects flags given as strings, as JSON configuration may carry them', () => {
    expect(detailOf(schema(defineAttribute('a', { required: 'true' as never })))).toMatch(
      /attribute "a": required must be true or false, not "true"/,
    );
    expect(detailOf(schema(defineAttribute('a', { multiValued: undefined as never })))).toMatch(
      /multiValued must be true or false/,
    );
  });

  it('rejects a missing name with a ScimError, not a TypeError', () => {
    expect(detailOf(schema({ ...defineAttribute('a'), name: undefined as never }))).toMatch(
      /attribute "undefined"/,
    );
  });

  it('rejects names defined twice, without regard to case', () => {
    expect(detailOf(schema(defineAttribute('badge'), defineAttribute('Badge')))).toMatch(
      /"Badge" is defined twice/,
    );
    expect(detailOf(schema(defineComplex('c', [defineAttribute('x'), defineAttribute('X')])))).toMatch(
      /attribute "c": sub-attribute "X" is defined twice/,
    );
  });

  it('checks complex attributes and their sub-attributes', () => {
    expect(detailOf(schema(defineAttribute('c', { type: 'complex' })))).toMatch(
      /attribute "c": a complex attribute needs subAttributes/,
    );
    expect(detailOf(schema(defineAttribute('s', { subAttributes: [defineAttribute('x')] })))).toMatch(
      /only complex attributes have subAttributes \(this one is string\)/,
    );
    expect(detailOf(schema(defineComplex('c', [defineAttribute('bad name')])))).toMatch(
      /attribute "c.bad name"/,
    );
    expect(
      detailOf(schema(defineComplex('outer', [defineComplex('inner', [defineAttribute('x')])]))),
    ).toMatch(/attribute "outer.inner": a sub-attribute cannot be complex/);
  });

  it('allows a complex sub-attribute only in the Schema schema of RFC 7643 §8.7.2', () => {
    expect(() => validateSchemaDefinition(SCHEMA_SCHEMA_DEFINITION)).not.toThrow();
    expect(detailOf({ ...SCHEMA_SCHEMA_DEFINITION, id: 'urn:acme:copy' })).toMatch(
      /"attributes.subAttributes": a sub-attribute cannot be complex/,
    );
  });

  it('makes the registry refuse a bad schema', () => {
    expect(() => createCoreRegistry().registerSchema(schema(defineAttribute('1st')))).toThrow(
      /attribute "1st"/,
    );
  });
});
