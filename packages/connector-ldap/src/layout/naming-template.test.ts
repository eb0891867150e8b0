import { describe, expect, it } from '@jest/globals';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, createCoreRegistry } from '@idsync/scim';
import { parseDn } from '../escape/distinguished-name.js';
import { InvalidTemplateError, MissingTemplateValueError, parseNamingTemplate } from './naming-template.js';

const registry = createCoreRegistry();
const scope = registry.scopeOf('User');
const template = (text: string) => parseNamingTemplate(text, registry, scope);

describe('naming templates', () => {
  it('fills placeholders with DN-escaped values', () => {
    const naming = template('uid={userName},ou=people,dc=example,dc=org');
    expect(naming.rdnAttribute).toBe('uid');
    expect(naming.fixedSuffix).toBe('ou=people,dc=example,dc=org');
    const dn = naming.render({ schemas: [USER_SCHEMA], userName: 'Smith, John+x' });
    expect(dn).toBe('uid=Smith\\2C John\\2Bx,ou=people,dc=example,dc=org');
    expect(parseDn(dn)).toHaveLength(4);
  });

  it('reads sub-attributes, extension attributes and typed elements', () => {
    const naming = template(
      `cn={name.givenName} {name.familyName},ou={${ENTERPRISE_USER_SCHEMA}:department},o={emails[type eq "work"].value}`,
    );
    expect(naming.fixedSuffix).toBe('');
    const dn = naming.render({
      schemas: [USER_SCHEMA],
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [
        { value: 'home@x', type: 'home' },
        { value: 'ada@x', type: 'work' },
      ],
      [ENTERPRISE_USER_SCHEMA]: { department: 'R&D' },
    });
    expect(dn).toBe('cn=Ada Lovelace,ou=R&D,o=ada@x');
  });

  it('says which value is missing', () => {
    const naming = template('uid={userName},dc=x');
    expect(() => naming.render({ schemas: [USER_SCHEMA] })).toThrow(MissingTemplateValueError);
    expect(() => naming.render({ schemas: [USER_SCHEMA], userName: '  ' })).toThrow(
      /needs a value for userName/,
    );
  });

  it('refuses templates that could not name entries', () => {
    expect(() => template('uid=fixed,dc=x')).toThrow(InvalidTemplateError);
    expect(() => template('uid={userName}+cn={displayName},dc=x')).toThrow(/one attribute=value/);
    expect(() => template('uid={nickname},dc=x')).not.toThrow();
    expect(() => template('uid={notAnAttribute},dc=x')).toThrow(/not usable/);
    expect(() => template('uid={userName,dc=x')).toThrow(/unbalanced/);
  });
});
