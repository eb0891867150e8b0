import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  SCIM_V1_CORE_SCHEMA,
  SCIM_V1_ENTERPRISE_SCHEMA,
  USER_SCHEMA,
} from '../schema/urns.js';
import { booleanFromV1 } from './attribute-value-mapping.js';
import { BADGE_SCHEMA } from './test-fixtures/v1-resources.js';
import { attributePathFromV1, attributePathToV1 } from './v1-attribute-path.js';
import { readV1ExpressiblePatchPath } from './v1-expressible-patch-path.js';
import { schemaUrnFromV1, schemaUrnToV1, v1ResourceTypeOf } from './v1-schema-urns.js';

describe('schema URNs', () => {
  it('map 1.1 to 2.0 by resource type and back, passing unknown URNs through', () => {
    expect(schemaUrnFromV1(SCIM_V1_CORE_SCHEMA, 'User')).toBe(USER_SCHEMA);
    expect(schemaUrnFromV1('URN:SCIM:SCHEMAS:CORE:1.0', 'Group')).toBe(GROUP_SCHEMA);
    expect(schemaUrnFromV1(SCIM_V1_ENTERPRISE_SCHEMA, 'User')).toBe(ENTERPRISE_USER_SCHEMA);
    expect(schemaUrnFromV1(BADGE_SCHEMA, 'User')).toBe(BADGE_SCHEMA);
    expect(schemaUrnToV1(GROUP_SCHEMA)).toBe(SCIM_V1_CORE_SCHEMA);
    expect(schemaUrnToV1(ENTERPRISE_USER_SCHEMA)).toBe(SCIM_V1_ENTERPRISE_SCHEMA);
    expect(schemaUrnToV1(BADGE_SCHEMA)).toBe(BADGE_SCHEMA);
  });

  it('read the resource type from an endpoint and refuse anything but Users and Groups', () => {
    expect(v1ResourceTypeOf('/Users')).toBe('User');
    expect(v1ResourceTypeOf('groups')).toBe('Group');
    expect(() => v1ResourceTypeOf('/Devices')).toThrow(ScimError);
  });
});

describe('booleanFromV1', () => {
  it('reads booleans and their string forms, keeps null and refuses the rest', () => {
    expect(booleanFromV1(true, 'active')).toBe(true);
    expect(booleanFromV1(' False ', 'active')).toBe(false);
    expect(booleanFromV1(null, 'active')).toBeNull();
    expect(() => booleanFromV1('1', 'emails.primary')).toThrow(/"emails.primary"/);
    expect(() => booleanFromV1(0, 'active')).toThrow(ScimError);
  });
});

describe('1.1 attribute paths', () => {
  it('read core, colon- and dot-qualified enterprise paths and managerId', () => {
    expect(attributePathFromV1('name.givenName', 'User')).toEqual({
      attribute: 'name',
      subAttribute: 'givenName',
    });
    expect(attributePathFromV1('urn:scim:schemas:core:1.0:userName', 'User')).toEqual({
      attribute: 'userName',
    });
    expect(attributePathFromV1('urn:scim:schemas:extension:enterprise:1.0:department', 'User')).toEqual({
      schema: ENTERPRISE_USER_SCHEMA,
      attribute: 'department',
    });
    expect(
      attributePathFromV1('urn:scim:schemas:extension:enterprise:1.0.manager.managerId', 'User'),
    ).toEqual({
      schema: ENTERPRISE_USER_SCHEMA,
      attribute: 'manager',
      subAttribute: 'value',
    });
    expect(attributePathFromV1(`${BADGE_SCHEMA}:badgeNumber`, 'User')).toEqual({
      schema: BADGE_SCHEMA,
      attribute: 'badgeNumber',
    });
  });

  it('are written back in the colon form 1.1 services parse', () => {
    expect(attributePathToV1({ schema: USER_SCHEMA, attribute: 'userName' })).toBe('userName');
    expect(
      attributePathToV1({ schema: ENTERPRISE_USER_SCHEMA, attribute: 'manager', subAttribute: 'value' }),
    ).toBe('urn:scim:schemas:extension:enterprise:1.0:manager.managerId');
    expect(attributePathToV1({ schema: BADGE_SCHEMA, attribute: 'badgeNumber' })).toBe(
      `${BADGE_SCHEMA}:badgeNumber`,
    );
  });

  it('refuse text that is no path', () => {
    expect(() => attributePathFromV1('emails[type eq "work"]', 'User')).toThrow(
      /not a SCIM 1.1 attribute path/,
    );
  });
});

describe('readV1ExpressiblePatchPath', () => {
  it('reads plain paths, dropping a core URN prefix', () => {
    expect(readV1ExpressiblePatchPath(`${USER_SCHEMA}:name.givenName`)).toEqual({
      kind: 'attribute',
      path: { attribute: 'name', subAttribute: 'givenName' },
    });
  });

  it('reads conjunctions of eq as conditions, with the sub-attribute after the filter', () => {
    expect(readV1ExpressiblePatchPath('emails[type eq "work" and primary eq true].value')).toEqual({
      kind: 'filtered',
      path: { attribute: 'emails' },
      conditions: [
        { attribute: 'type', value: 'work' },
        { attribute: 'primary', value: true },
      ],
      subAttribute: 'value',
    });
  });

  it('says a filter with other operators is unsupported', () => {
    expect(readV1ExpressiblePatchPath('emails[type ne "work"]').kind).toBe('unsupported');
    expect(readV1ExpressiblePatchPath('members[value pr]').kind).toBe('unsupported');
  });
});
