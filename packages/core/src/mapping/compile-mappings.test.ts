import { describe, expect, it } from '@jest/globals';
import {
  createCoreRegistry,
  defineAttribute,
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
} from '@idsync/scim';
import { compileMappings, type CompileMappingsOptions } from './compile-mappings.js';
import { MappingCompileError } from './mapping-compile-error.js';

function compileErrors(mappings: unknown[], options?: CompileMappingsOptions): MappingCompileError {
  try {
    compileMappings('rule-1', mappings, options);
  } catch (error) {
    if (error instanceof MappingCompileError) return error;
    throw error;
  }
  throw new Error('expected the mappings to be refused');
}

function onlyReason(mappings: unknown[], options?: CompileMappingsOptions): string {
  const { errors } = compileErrors(mappings, options);
  expect(errors).toHaveLength(1);
  return errors[0]!.reason;
}

describe('compileMappings', () => {
  it('compiles every kind and places targets canonically', () => {
    const compiled = compileMappings('rule-1', [
      { target: 'userName', kind: 'direct', source: 'userName' },
      { target: 'DEPARTMENT', kind: 'constant', value: 'Sales' },
      {
        target: 'emails[type eq "work"].value',
        kind: 'expression',
        expression: 'ToLower([userName])',
        onCreateOnly: true,
      },
    ]);
    expect(compiled.ruleId).toBe('rule-1');
    expect(compiled.coreSchema).toBe(USER_SCHEMA);
    expect(compiled.mappings.map((m) => [m.target.text, m.from])).toEqual([
      ['userName', 'userName'],
      [`${ENTERPRISE_USER_SCHEMA}:department`, 'constant'],
      ['emails[type eq "work"].value', 'ToLower([userName])'],
    ]);
  });

  it('uses the Group schema for Group rules and checks paths against it', () => {
    expect(
      compileMappings('g', [{ target: 'displayName', kind: 'direct', source: 'displayName' }], {
        objectType: 'Group',
      }).coreSchema,
    ).toBe(GROUP_SCHEMA);
    expect(
      onlyReason([{ target: 'userName', kind: 'constant', value: 'x' }], { objectType: 'Group' }),
    ).toMatch(/unknown attribute "userName"/);
  });

  it('reports all problems of all mappings at once, with the rule id and the mapping numbers', () => {
    const error = compileErrors([
      { target: 'usrName', kind: 'direct', source: 'userName' },
      {
        target: 'displayName',
        kind: 'expression',
        expression: 'Join(" ", [name.givenName], [name.familyNme])',
      },
      { target: 'title', kind: 'expresion', expression: '"x"' },
      { target: 'nickName', kind: 'direct', source: 'userName' },
      { target: 'title', kind: 'constant', value: { nested: true }, defaultIfEmty: 'x' },
    ]);
    expect(error.ruleId).toBe('rule-1');
    expect(error.errors.map((e) => [e.mappingNumber, e.field])).toEqual([
      [1, 'target'],
      [2, 'expression'],
      [3, 'kind'],
      [5, 'mapping'],
      [5, 'value'],
    ]);
    expect(error.errors.every((e) => e.ruleId === 'rule-1' && e.phase === 'compile')).toBe(true);
    expect(error.errors[0]!.reason).toMatch(/Did you mean userName/);
    expect(error.errors[1]!.position).toBe(29);
    expect(error.errors[1]!.reason).toMatch(/no sub-attribute "familyNme".*familyName/);
    expect(error.errors[2]!.reason).toMatch(/Did you mean expression\?/);
    expect(error.errors[3]!.reason).toMatch(/unknown key "defaultIfEmty".*Did you mean defaultIfEmpty/);
    expect(error.message).toMatch(
      /^Rule "rule-1" has 5 invalid attribute mappings:\n1\. Rule "rule-1", mapping #1 for "usrName"/,
    );
  });

  it('refuses a target claimed twice, whatever the spelling', () => {
    expect(
      onlyReason([
        { target: 'name.givenName', kind: 'direct', source: 'name.givenName' },
        { target: `${USER_SCHEMA}:NAME.GIVENNAME`, kind: 'constant', value: 'x' },
      ]),
    ).toMatch(/"name\.givenName" is already the target of mapping #1.*Coalesce/);
    expect(
      onlyReason([
        { target: 'department', kind: 'constant', value: 'a' },
        { target: `${ENTERPRISE_USER_SCHEMA}:department`, kind: 'constant', value: 'b' },
      ]),
    ).toMatch(/already the target of mapping #1/);
    expect(
      onlyReason([
        { target: 'emails[type eq "work"].value', kind: 'constant', value: 'a' },
        { target: 'emails[TYPE eq "WORK"].Value', kind: 'constant', value: 'b' },
      ]),
    ).toMatch(/already the target/);
  });

  it('refuses a whole attribute and one of its parts as targets together', () => {
    expect(
      onlyReason([
        { target: 'name', kind: 'direct', source: 'name' },
        { target: 'name.familyName', kind: 'constant', value: 'x' },
      ]),
    ).toMatch(/overlaps the target of mapping #1/);
    expect(
      onlyReason([
        { target: 'emails[type eq "work"].value', kind: 'constant', value: 'a' },
        { target: 'emails', kind: 'direct', source: 'emails' },
      ]),
    ).toMatch(/overlaps/);
  });

  it('allows several elements and several sub-attributes of one multi-valued attribute', () => {
    const compiled = compileMappings('r', [
      { target: 'emails[type eq "work"].value', kind: 'constant', value: 'a' },
      { target: 'emails[type eq "work"].primary', kind: 'constant', value: true },
      { target: 'emails[type eq "home"].value', kind: 'constant', value: 'b' },
      { target: 'name.givenName', kind: 'constant', value: 'g' },
      { target: 'name.familyName', kind: 'constant', value: 'f' },
    ]);
    expect(compiled.mappings).toHaveLength(5);
  });

  it('refuses read-only targets and the schemas list', () => {
    expect(onlyReason([{ target: 'id', kind: 'constant', value: 'x' }])).toMatch(/"id" is read-only/);
    expect(onlyReason([{ target: 'groups', kind: 'constant', value: 'x' }])).toMatch(
      /groups a rule provisions/,
    );
    expect(onlyReason([{ target: 'schemas', kind: 'constant', value: 'x' }])).toMatch(
      /fills it from the attributes/,
    );
  });

  it('asks for the element of a multi-valued target, and for the sub-attribute of a value path', () => {
    expect(onlyReason([{ target: 'emails.value', kind: 'constant', value: 'x' }])).toMatch(
      /select the element.*emails\[type eq "work"\]\.value/,
    );
    expect(onlyReason([{ target: 'emails[type eq "work"]', kind: 'constant', value: 'x' }])).toMatch(
      /name the sub-attribute/,
    );
    expect(onlyReason([{ target: 'title[type eq "x"].value', kind: 'constant', value: 'x' }])).toMatch(
      /single-valued/,
    );
  });

  it('checks the shape of every mapping read from configuration', () => {
    expect(onlyReason(['userName'])).toMatch(/must be an object/);
    expect(onlyReason([{ target: 'title', kind: 'direct' }])).toMatch(/needs "source"/);
    expect(onlyReason([{ target: 'title', kind: 'constant' }])).toMatch(/needs "value"/);
    expect(onlyReason([{ target: 'title', kind: 'constant', value: [1, 2] }])).toMatch(/list of strings/);
    expect(onlyReason([{ target: 'title', kind: 'direct', source: 'title', defaultIfEmpty: {} }])).toMatch(
      /defaultIfEmpty must be/,
    );
    expect(onlyReason([{ target: 'title', kind: 'direct', source: 'title', onCreateOnly: 'yes' }])).toMatch(
      /true or false/,
    );
    expect(onlyReason([{ kind: 'constant', value: 'x' }])).toMatch(/target must be an attribute path/);
    expect(compileErrors('nope' as unknown as unknown[]).errors[0]!.reason).toMatch(/must be a list/);
  });

  it('accepts custom extension attributes, and checks registered custom schemas', () => {
    const urn = 'urn:acme:params:scim:schemas:extension:acme:2.0:User';
    expect(
      compileMappings('r', [{ target: `${urn}:costCenter`, kind: 'constant', value: 'x' }]).mappings,
    ).toHaveLength(1);
    const registry = createCoreRegistry({
      extensions: [
        {
          resourceType: 'User',
          schema: { id: urn, name: 'Acme', attributes: [defineAttribute('costCenter')] },
        },
      ],
    });
    expect(onlyReason([{ target: `${urn}:costCentre`, kind: 'constant', value: 'x' }], { registry })).toMatch(
      /Did you mean costCenter/,
    );
  });

  it('can run without schema checks, still refusing what is never writable', () => {
    const compiled = compileMappings('r', [{ target: 'anything.goes', kind: 'direct', source: 'whatever' }], {
      registry: null,
    });
    expect(compiled.mappings[0]!.target.text).toBe('anything.goes');
    expect(onlyReason([{ target: 'meta', kind: 'constant', value: 'x' }], { registry: null })).toMatch(
      /read-only/,
    );
  });
});
