import { describe, expect, it } from '@jest/globals';
import { ConnectorError } from '@idsync/core';
import { parseFilter } from '@idsync/scim';
import { ATLASSIAN_PRESET } from '../presets/atlassian-preset.js';
import { AWS_IDENTITY_CENTER_PRESET } from '../presets/aws-identity-center-preset.js';
import { GENERIC_PRESET } from '../presets/generic-preset.js';
import type { ScimPreset } from '../presets/scim-preset.js';
import { translateFilter } from './translate-filter.js';

function translate(
  text: string,
  preset: ScimPreset,
  version: '1.1' | '2.0' = '2.0',
  type: 'User' | 'Group' = 'User',
) {
  return translateFilter(parseFilter(text), type, preset.filter, version, preset.name);
}

function refusal(
  text: string,
  preset: ScimPreset,
  version: '1.1' | '2.0' = '2.0',
  type: 'User' | 'Group' = 'User',
) {
  try {
    translate(text, preset, version, type);
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('unsupported');
    return (error as ConnectorError).message;
  }
  throw new Error(`expected "${text}" to be refused`);
}

describe('translateFilter', () => {
  it('passes any RFC 7644 filter to a generic 2.0 target, values escaped', () => {
    expect(
      translate(
        'userName eq "a\\"b" or (emails[type eq "work" and value co "@x"] and not (active eq false))',
        GENERIC_PRESET,
      ),
    ).toBe('userName eq "a\\"b" or emails[type eq "work" and value co "@x"] and not (active eq false)');
  });

  it('refuses what SCIM 1.1 lacks: ne, ew, not, value filters', () => {
    expect(refusal('userName ne "a"', GENERIC_PRESET, '1.1')).toContain('"ne"');
    expect(refusal('userName ew "a"', GENERIC_PRESET, '1.1')).toContain('"ew"');
    expect(refusal('not (userName eq "a")', GENERIC_PRESET, '1.1')).toContain('"not"');
    expect(refusal('emails[type eq "work"]', GENERIC_PRESET, '1.1')).toContain('value filters');
  });

  it('writes extension attributes with their 1.1 URN for a 1.1 target', () => {
    expect(
      translate(
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "7" and userName sw "a"',
        GENERIC_PRESET,
        '1.1',
      ),
    ).toBe('urn:scim:schemas:extension:enterprise:1.0:employeeNumber eq "7" and userName sw "a"');
    expect(
      translate('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a"', GENERIC_PRESET, '1.1'),
    ).toBe('userName eq "a"');
  });

  it('AWS: eq joined by and, on the documented attributes only', () => {
    expect(translate('userName eq "ada"', AWS_IDENTITY_CENTER_PRESET)).toBe('userName eq "ada"');
    expect(translate('id eq "1" and manager eq "2"', AWS_IDENTITY_CENTER_PRESET)).toBe(
      'id eq "1" and manager eq "2"',
    );
    expect(refusal('userName co "ada"', AWS_IDENTITY_CENTER_PRESET)).toContain(
      'the aws-identity-center preset',
    );
    expect(refusal('userName eq "a" or userName eq "b"', AWS_IDENTITY_CENTER_PRESET)).toContain('"or"');
    expect(refusal('emails.value eq "a@x.test"', AWS_IDENTITY_CENTER_PRESET)).toContain('"emails.value"');
    expect(translate('displayName eq "Ops"', AWS_IDENTITY_CENTER_PRESET, '2.0', 'Group')).toBe(
      'displayName eq "Ops"',
    );
  });

  it('Atlassian: one eq on userName or externalId for users, on displayName for groups', () => {
    expect(translate('userName eq "ada@x.test"', ATLASSIAN_PRESET)).toBe('userName eq "ada@x.test"');
    expect(refusal('userName eq "a" and externalId eq "b"', ATLASSIAN_PRESET)).toContain('"and"');
    expect(refusal('displayName eq "Ada"', ATLASSIAN_PRESET)).toContain('"displayname"');
    expect(translate('displayName eq "Ops"', ATLASSIAN_PRESET, '2.0', 'Group')).toBe('displayName eq "Ops"');
  });
});
