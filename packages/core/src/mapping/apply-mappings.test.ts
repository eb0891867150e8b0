import { describe, expect, it } from '@jest/globals';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimResource } from '@idsync/scim';
import { applyMappings } from './apply-mappings.js';
import type { AttributeMapping } from './attribute-mapping.js';
import { compileMappings } from './compile-mappings.js';
import { MappingExpressionError } from './mapping-expression-error.js';

const ACME = 'urn:acme:params:scim:schemas:extension:acme:2.0:User';

const source: ScimResource = {
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  id: 'hub-1',
  userName: 'BJensen',
  name: { givenName: 'Bärbel', familyName: 'Jensen' },
  emails: [
    { type: 'home', value: 'bj@home.example' },
    { type: 'work', value: 'bj@work.example', primary: true },
  ],
  title: '',
  [ENTERPRISE_USER_SCHEMA]: { department: 'Research', employeeNumber: '701' },
};

function apply(mappings: AttributeMapping[], isCreate = true, object: ScimResource = source) {
  return applyMappings(compileMappings('rule-1', mappings), object, { isCreate });
}

describe('applyMappings', () => {
  it('applies direct, constant and expression mappings into a new target object', () => {
    const { resource } = apply([
      { target: 'userName', kind: 'expression', expression: 'ToLower([userName])' },
      { target: 'externalId', kind: 'direct', source: 'id' },
      { target: 'active', kind: 'constant', value: true },
      { target: 'name.givenName', kind: 'expression', expression: 'NormalizeDiacritics([name.givenName])' },
    ]);
    expect(resource).toEqual({
      schemas: [USER_SCHEMA],
      userName: 'bjensen',
      externalId: 'hub-1',
      active: true,
      name: { givenName: 'Barbel' },
    });
  });

  it('writes extension targets under their URN and lists the URN in schemas', () => {
    const { resource } = apply([
      { target: 'department', kind: 'direct', source: 'department' },
      { target: `${ACME}:costCenter`, kind: 'expression', expression: 'Append("CC-", [employeeNumber])' },
      { target: `${ENTERPRISE_USER_SCHEMA}:manager.value`, kind: 'constant', value: 'm-1' },
    ]);
    expect(resource.schemas).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA, ACME]);
    expect(resource[ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'Research', manager: { value: 'm-1' } });
    expect(resource[ACME]).toEqual({ costCenter: 'CC-701' });
  });

  it('creates the element a value-path target selects and fills it from several mappings', () => {
    const { resource } = apply([
      { target: 'emails[type eq "work"].value', kind: 'direct', source: 'emails[type eq "work"].value' },
      { target: 'emails[type eq "work"].primary', kind: 'constant', value: true },
      {
        target: 'emails[type eq "other"].value',
        kind: 'expression',
        expression: 'Join("@", [userName], "alias.example")',
      },
      { target: 'phoneNumbers[primary eq true].value', kind: 'constant', value: '+1 555' },
    ]);
    expect(resource.emails).toEqual([
      { type: 'work', value: 'bj@work.example', primary: true },
      { type: 'other', value: 'BJensen@alias.example' },
    ]);
    expect(resource.phoneNumbers).toEqual([{ primary: true, value: '+1 555' }]);
  });

  it('applies defaultIfEmpty for absent, null, "" and empty-list values only', () => {
    const { resource, provenance } = apply([
      { target: 'title', kind: 'direct', source: 'title', defaultIfEmpty: 'Staff' },
      { target: 'nickName', kind: 'direct', source: 'nickName', defaultIfEmpty: 'none' },
      {
        target: 'displayName',
        kind: 'expression',
        expression: 'Split([locale], ",")',
        defaultIfEmpty: 'n/a',
      },
      { target: 'userType', kind: 'direct', source: 'department', defaultIfEmpty: 'unused' },
    ]);
    expect(resource).toMatchObject({
      title: 'Staff',
      nickName: 'none',
      displayName: 'n/a',
      userType: 'Research',
    });
    expect(provenance.get('title')?.defaultApplied).toBe(true);
    expect(provenance.get('userType')?.defaultApplied).toBe(false);
  });

  it('writes null, meaning "clear", when a value is empty and there is no default', () => {
    const { resource, provenance } = apply([
      { target: 'title', kind: 'direct', source: 'title' },
      { target: 'nickName', kind: 'expression', expression: 'Trim([nickName])' },
      { target: 'emails[type eq "work"].display', kind: 'direct', source: 'emails[type eq "work"].display' },
    ]);
    expect(resource).toEqual({
      schemas: [USER_SCHEMA],
      title: null,
      nickName: null,
      emails: [{ type: 'work', display: null }],
    });
    expect(provenance.get('title')?.value).toBeNull();
  });

  it('applies onCreateOnly mappings on create and records them as skipped on update', () => {
    const mappings: AttributeMapping[] = [
      { target: 'userName', kind: 'direct', source: 'userName' },
      { target: 'password', kind: 'constant', value: 'Initial-1', onCreateOnly: true },
      { target: 'department', kind: 'direct', source: 'department', onCreateOnly: true },
    ];
    expect(apply(mappings, true).resource).toMatchObject({
      password: 'Initial-1',
      [ENTERPRISE_USER_SCHEMA]: { department: 'Research' },
    });
    const update = apply(mappings, false);
    expect(update.resource).toEqual({ schemas: [USER_SCHEMA], userName: 'BJensen' });
    expect(update.provenance.get('password')).toEqual({
      ruleId: 'rule-1',
      kind: 'constant',
      from: 'constant',
      targetPath: 'password',
      value: undefined,
      defaultApplied: false,
      skipped: 'onCreateOnly',
    });
  });

  it('records where every target value comes from', () => {
    const { provenance } = apply([
      {
        target: 'displayName',
        kind: 'expression',
        expression: 'Join(" ", [name.givenName], [name.familyName])',
      },
      { target: 'Department', kind: 'direct', source: 'department' },
      { target: 'active', kind: 'constant', value: true },
    ]);
    expect([...provenance.keys()]).toEqual(['displayName', 'Department', 'active']);
    expect(provenance.get('displayName')).toMatchObject({
      kind: 'expression',
      from: 'Join(" ", [name.givenName], [name.familyName])',
      value: 'Bärbel Jensen',
    });
    expect(provenance.get('Department')).toMatchObject({
      kind: 'direct',
      from: `${ENTERPRISE_USER_SCHEMA}:department`,
      targetPath: `${ENTERPRISE_USER_SCHEMA}:department`,
      value: 'Research',
    });
    expect(provenance.get('active')).toMatchObject({
      kind: 'constant',
      from: 'constant',
      value: true,
      ruleId: 'rule-1',
    });
  });

  it('copies complex values, so the target never shares objects with the source', () => {
    const { resource } = apply([
      { target: 'name', kind: 'direct', source: 'name' },
      { target: 'emails', kind: 'direct', source: 'emails' },
    ]);
    expect(resource.emails).toEqual(source.emails);
    (resource.name as { givenName: string }).givenName = 'changed';
    (resource.emails as { value: string }[])[0]!.value = 'changed';
    expect((source.name as { givenName: string }).givenName).toBe('Bärbel');
    expect((source.emails as { value: string }[])[0]!.value).toBe('bj@home.example');
  });

  it('drops a "__proto__" key of copied data instead of changing the prototype of the copy', () => {
    const hostile = JSON.parse(
      `{"schemas":[],"name":{"givenName":"x","__proto__":{"isAdmin":true}}}`,
    ) as ScimResource;
    const { resource } = apply([{ target: 'name', kind: 'direct', source: 'name' }], true, hostile);
    const name = resource.name as Record<string, unknown>;
    expect(Object.getPrototypeOf(name)).toBe(Object.prototype);
    expect(name.isAdmin).toBeUndefined();
    expect(name).toEqual({ givenName: 'x' });
  });

  it('gives each result its own copy of constant lists', () => {
    const compiled = compileMappings('r', [
      { target: 'entitlements[type eq "x"].value', kind: 'constant', value: ['a', 'b'] },
    ]);
    const first = applyMappings(compiled, source, { isCreate: true }).resource;
    (first.entitlements as { value: string[] }[])[0]!.value.push('mutated');
    const second = applyMappings(compiled, source, { isCreate: true }).resource;
    expect((second.entitlements as { value: string[] }[])[0]!.value).toEqual(['a', 'b']);
  });

  it('names the rule, mapping and target when an expression fails on an object', () => {
    let error: unknown;
    try {
      apply([
        { target: 'userName', kind: 'direct', source: 'userName' },
        { target: 'nickName', kind: 'expression', expression: 'FormatDateTime([userName], "yyyy")' },
      ]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MappingExpressionError);
    expect(error).toMatchObject({
      ruleId: 'rule-1',
      mappingNumber: 2,
      target: 'nickName',
      phase: 'evaluate',
      position: 15,
    });
    expect((error as Error).message).toMatch(/"BJensen" is not an ISO 8601 date/);
  });
});
