import { describe, expect, it } from '@jest/globals';
import { apply, scimErrorOf } from './test-fixtures/patch-helpers.js';
import { sampleUser } from './test-fixtures/sample-resources.js';
import { ENTERPRISE_USER_SCHEMA, TEST_EXTENSION, USER_SCHEMA } from './test-fixtures/test-registry.js';

describe('applyPatch: atomicity', () => {
  it('applies nothing when a later operation fails, and names the failing operation', () => {
    const input = sampleUser();
    const error = scimErrorOf(() =>
      apply(input, [
        { op: 'replace', path: 'nickName', value: 'Changed' },
        { op: 'remove', path: 'emails' },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'x@example.com' },
      ]),
    );
    expect(error.scimType).toBe('noTarget');
    expect(error.detail).toMatch(/^Operations\[2\] \(replace "emails\[type eq "work"\]\.value"\): /);
    expect(input).toEqual(sampleUser());
  });

  it('leaves extension objects and schemas of the input untouched on failure', () => {
    const input = sampleUser();
    scimErrorOf(() =>
      apply(input, [
        { op: 'remove', path: ENTERPRISE_USER_SCHEMA },
        { op: 'add', path: `${TEST_EXTENSION}:tags`, value: ['a'] },
        { op: 'replace', path: 'userName', value: 42 },
      ]),
    );
    expect(input).toEqual(sampleUser());
  });
});

describe('applyPatch: errors', () => {
  it.each([
    [
      'an unknown attribute',
      { op: 'replace', path: 'favouriteColour', value: 'blue' },
      'invalidPath',
      /"favouriteColour" is not defined/,
    ],
    [
      'an unknown sub-attribute',
      { op: 'replace', path: 'name.nickname', value: 'x' },
      'invalidPath',
      /no sub-attribute "nickname"/,
    ],
    [
      'an unknown sub-attribute after a filter',
      { op: 'replace', path: 'emails[type eq "work"].label', value: 'x' },
      'invalidPath',
      /no sub-attribute "label"/,
    ],
    [
      'an unknown key in a path-less value',
      { op: 'add', value: { favouriteColour: 'blue' } },
      'invalidPath',
      /favouriteColour/,
    ],
    [
      'an attribute of an extension outside the scope',
      { op: 'add', path: 'urn:example:other:2.0:User:x', value: 'y' },
      'invalidPath',
      /not defined/,
    ],
    [
      'the core schema URN as path',
      { op: 'add', path: USER_SCHEMA, value: {} },
      'invalidPath',
      /core schema/,
    ],
    [
      'a path-less value that is not an object',
      { op: 'replace', value: 'Babs' },
      'invalidValue',
      /must be an object/,
    ],
    [
      'a string for a boolean',
      { op: 'replace', path: 'active', value: 'yes' },
      'invalidValue',
      /"active" expects a boolean/,
    ],
    [
      'a number for a string',
      { op: 'replace', path: 'userName', value: 42 },
      'invalidValue',
      /"userName" expects a string/,
    ],
    [
      'an array for a single-valued attribute',
      { op: 'replace', path: 'title', value: ['a'] },
      'invalidValue',
      /single-valued/,
    ],
    [
      'a non-integer for an integer',
      { op: 'add', path: `${TEST_EXTENSION}:badgeNumber`, value: 4.5 },
      'invalidValue',
      /expects an integer/,
    ],
    [
      'a bad dateTime',
      { op: 'add', path: `${TEST_EXTENSION}:hireDate`, value: 'yesterday' },
      'invalidValue',
      /dateTime/,
    ],
    [
      'a wrong sub-attribute type inside a value',
      { op: 'add', path: 'emails', value: [{ value: 'a@b.c', primary: 'maybe' }] },
      'invalidValue',
      /"emails.primary" expects a boolean/,
    ],
    [
      'a non-object for a complex value',
      { op: 'replace', path: 'name', value: 'Babs Jensen' },
      'invalidValue',
      /"name" expects an object/,
    ],
    [
      'a non-object for an extension path',
      { op: 'add', path: ENTERPRISE_USER_SCHEMA, value: 'x' },
      'invalidValue',
      /must be an object/,
    ],
    ['a remove without path', { op: 'remove' }, 'noTarget', /needs a "path"/],
    ['an add without value', { op: 'add', path: 'title' }, 'invalidValue', /needs a "value"/],
    ['an unknown op', { op: 'move', path: 'title' }, 'invalidSyntax', /"move"/],
    [
      'two values claiming primary',
      {
        op: 'add',
        path: 'emails',
        value: [
          { value: 'a@x.org', primary: true },
          { value: 'b@x.org', primary: true },
        ],
      },
      'invalidValue',
      /at most one value may be primary/,
    ],
    [
      'a filtered add/replace on no values at all',
      { op: 'replace', path: 'ims.value', value: 'x' },
      'noTarget',
      /has none/,
    ],
  ])('%s', (_what, operation, scimType, detail) => {
    const error = scimErrorOf(() => apply(sampleUser(), [operation as never]));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(scimType);
    expect(error.detail).toMatch(/^Operations\[0\]/);
    expect(error.detail).toMatch(detail);
  });

  it('rejects a value filter with an operator the attribute type does not support (invalidFilter)', () => {
    const error = scimErrorOf(() => apply(sampleUser(), [{ op: 'remove', path: 'emails[primary gt true]' }]));
    expect(error.scimType).toBe('invalidFilter');
  });
});
