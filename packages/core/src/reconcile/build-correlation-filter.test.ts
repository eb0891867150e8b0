import { describe, expect, it } from '@jest/globals';
import { createCoreRegistry, ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '@idsync/scim';
import { DEFAULT_CONNECTION_PREFERENCES, type ConnectionPreferences } from '../model/connection.js';
import type { ProvisioningRule } from '../model/provisioning-rule.js';
import { compileRule } from '../rules/compiled-rule.js';
import { buildCorrelationFilter, compileCorrelation } from './build-correlation-filter.js';
import { CorrelationSettingsError } from './correlation-settings-error.js';

const registry = createCoreRegistry();

const rule = (targets: readonly string[]): ProvisioningRule => ({
  id: 'users',
  name: 'Users',
  direction: 'outbound',
  connectionId: 'crm',
  objectType: 'User',
  enabled: true,
  scope: {},
  mappings: targets.map((target) => ({ target, kind: 'direct' as const, source: 'userName' })),
});

const connection = (preferences: Partial<ConnectionPreferences>) => ({
  id: 'crm',
  name: 'CRM',
  preferences: { ...DEFAULT_CONNECTION_PREFERENCES, ...preferences },
});

function refusal(
  preferences: Partial<ConnectionPreferences>,
  targets: readonly string[] = ['userName', 'externalId'],
): CorrelationSettingsError {
  try {
    compileCorrelation(connection(preferences), 'User', [compileRule(rule(targets), registry)], registry);
  } catch (error) {
    if (error instanceof CorrelationSettingsError) return error;
    throw error;
  }
  throw new Error('expected the correlation settings to be refused');
}

describe('compileCorrelation', () => {
  it('accepts the default expression and fills it with the escaped identifier', () => {
    const correlation = compileCorrelation(
      connection({}),
      'User',
      [compileRule(rule(['userName']), registry)],
      registry,
    );
    const filter = buildCorrelationFilter(
      { userFilterExpression: correlation.template },
      { schemas: [USER_SCHEMA], userName: 'a"b' },
      correlation.readIdentifier,
    );
    expect(filter?.text).toBe('userName eq "a\\"b"');
  });

  it('refuses an expression without %s, pointing at its end', () => {
    const error = refusal({ userFilterExpression: 'userName eq "ada"' });
    expect(error).toMatchObject({
      connectionId: 'crm',
      setting: 'userFilterExpression',
      text: 'userName eq "ada"',
      position: 18,
    });
    expect(error.message).toContain('Connection "CRM" (crm)');
    expect(error.message).toContain('userName eq "ada"');
    expect(error.fix).toContain('%s');
  });

  it('refuses a %s outside a quoted string, pointing at it', () => {
    const error = refusal({ userFilterExpression: 'userName eq %s' });
    expect(error).toMatchObject({ setting: 'userFilterExpression', position: 13 });
    expect(error.fix).toContain('"%s"');
  });

  it('refuses an expression that does not parse, with the position in the expression as written', () => {
    const error = refusal({ userFilterExpression: 'userName eq "%s" and' });
    expect(error).toMatchObject({ setting: 'userFilterExpression', position: 21 });
    const unknownOperator = refusal({ userFilterExpression: 'externalId equals "%s"' });
    expect(unknownOperator.position).toBe(12);
    expect(unknownOperator.message).toMatch(/position 12/);
  });

  it('refuses an identifier that is not an attribute path', () => {
    const error = refusal({ userIdentifier: 'emails[type ne "work"].value' });
    expect(error).toMatchObject({
      setting: 'userIdentifier',
      text: 'emails[type ne "work"].value',
      position: 13,
    });
  });

  it('reads an identifier no rule of the connection maps from the hub object', () => {
    const correlation = compileCorrelation(
      connection({ userFilterExpression: 'externalId eq "%s"', userIdentifier: 'externalId' }),
      'User',
      [compileRule(rule(['userName', 'displayName']), registry)],
      registry,
    );
    const mapped = { schemas: [USER_SCHEMA], userName: 'ada', externalId: 'from-the-mapping' };
    const hub = { schemas: [USER_SCHEMA], userName: 'ada', externalId: 'E-7' };
    expect(
      buildCorrelationFilter(
        { userFilterExpression: correlation.template },
        mapped,
        correlation.readIdentifier,
        hub,
      )?.text,
    ).toBe('externalId eq "E-7"');
    // Without the hub object there is nothing to correlate with: never a guess from the mapping.
    expect(
      buildCorrelationFilter(
        { userFilterExpression: correlation.template },
        mapped,
        correlation.readIdentifier,
      ),
    ).toBeUndefined();
  });

  it('reads a mapped identifier from the mapped object, as the target will hold it', () => {
    const correlation = compileCorrelation(
      connection({}),
      'User',
      [compileRule(rule(['userName']), registry)],
      registry,
    );
    const filter = buildCorrelationFilter(
      { userFilterExpression: correlation.template },
      { schemas: [USER_SCHEMA], userName: 'ada@example.org' },
      correlation.readIdentifier,
      { schemas: [USER_SCHEMA], userName: 'Ada' },
    );
    expect(filter?.text).toBe('userName eq "ada@example.org"');
  });

  it('accepts an identifier a rule maps, however it is spelled, extension attributes included', () => {
    const employeeNumber = `${ENTERPRISE_USER_SCHEMA}:employeeNumber`;
    const compile = (identifier: string, targets: string[]) =>
      compileCorrelation(
        connection({ userIdentifier: identifier, userFilterExpression: 'x eq "%s"' }),
        'User',
        [compileRule(rule(targets), registry)],
        registry,
      );
    expect(() => compile('Emails[type eq "work"].value', ['emails[type eq "work"].value'])).not.toThrow();
    expect(() => compile('employeeNumber', [employeeNumber])).not.toThrow();
    const reader = compile('employeeNumber', [employeeNumber]).readIdentifier;
    expect(
      reader({
        schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        [ENTERPRISE_USER_SCHEMA]: { employeeNumber: 'E-1' },
      }),
    ).toBe('E-1');
  });

  it('checks nothing when the connection has no rules for the type (a rule deletion needs no correlation)', () => {
    expect(() =>
      compileCorrelation(connection({ userIdentifier: 'externalId' }), 'User', [], registry),
    ).not.toThrow();
    expect(() =>
      compileCorrelation(connection({ userFilterExpression: 'userName eq' }), 'User', [], registry),
    ).not.toThrow();
  });
});
