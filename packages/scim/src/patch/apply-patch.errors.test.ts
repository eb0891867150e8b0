import { describe, expect, it } from '@jest/globals';
import { apply, scimErrorOf } from './test-fixtures/patch-helpers.js';
import { sampleGroup, sampleUser } from './test-fixtures/sample-resources.js';
import {
  ENTERPRISE_USER_SCHEMA,
  TEST_EXTENSION,
  USER_SCHEMA,
  groupContext,
} from './test-fixtures/test-registry.js';

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

describe('applyPatch: mutability', () => {
  it('accepts id and meta sent back unchanged, and rejects changing them', () => {
    const user = sampleUser();
    const { changed } = apply(user, [
      { op: 'replace', value: { id: user.id, meta: user.meta, nickName: 'Babs' } },
    ]);
    expect(changed).toBe(false);
    expect(scimErrorOf(() => apply(user, [{ op: 'replace', path: 'id', value: 'other' }])).scimType).toBe(
      'mutability',
    );
    expect(
      scimErrorOf(() => apply(user, [{ op: 'replace', path: 'meta.version', value: 'W/"1"' }])).scimType,
    ).toBe('mutability');
    expect(scimErrorOf(() => apply(user, [{ op: 'remove', path: 'meta' }])).scimType).toBe('mutability');
  });

  it('rejects changing the readOnly groups of a User', () => {
    const error = scimErrorOf(() =>
      apply(sampleUser(), [{ op: 'add', path: 'groups', value: [{ value: 'g2' }] }]),
    );
    expect(error.scimType).toBe('mutability');
    expect(error.detail).toMatch(/"groups" is readOnly/);
    expect(scimErrorOf(() => apply(sampleUser(), [{ op: 'remove', path: 'groups' }])).scimType).toBe(
      'mutability',
    );
  });

  it('rejects a readOnly sub-attribute (manager.displayName)', () => {
    const error = scimErrorOf(() =>
      apply(sampleUser(), [
        { op: 'replace', path: `${ENTERPRISE_USER_SCHEMA}:manager.displayName`, value: 'Boss' },
      ]),
    );
    expect(error.scimType).toBe('mutability');
    expect(error.detail).toMatch(/manager.displayName" is readOnly/);
  });

  it('lets an immutable attribute be added while absent, but not changed or removed', () => {
    const { resource } = apply(sampleUser(), [
      { op: 'add', path: `${TEST_EXTENSION}:badgeNumber`, value: 7 },
    ]);
    expect(
      apply(resource, [{ op: 'replace', path: `${TEST_EXTENSION}:badgeNumber`, value: 7 }]).changed,
    ).toBe(false);
    expect(
      scimErrorOf(() => apply(resource, [{ op: 'replace', path: `${TEST_EXTENSION}:badgeNumber`, value: 8 }]))
        .scimType,
    ).toBe('mutability');
    expect(
      scimErrorOf(() => apply(resource, [{ op: 'remove', path: `${TEST_EXTENSION}:badgeNumber` }])).scimType,
    ).toBe('mutability');
  });

  it('lets members be added and removed but not have their immutable sub-attributes changed', () => {
    const id = (sampleGroup().members as { value: string }[])[0]!.value;
    const error = scimErrorOf(() =>
      apply(
        sampleGroup(),
        [{ op: 'replace', path: `members[value eq "${id}"].display`, value: 'Someone else' }],
        groupContext,
      ),
    );
    expect(error.scimType).toBe('mutability');
    expect(error.detail).toMatch(/members.display" is immutable/);
  });

  it('rejects removing a required attribute', () => {
    const error = scimErrorOf(() => apply(sampleUser(), [{ op: 'remove', path: 'userName' }]));
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toMatch(/"userName" is required/);
    expect(
      scimErrorOf(() => apply(sampleUser(), [{ op: 'replace', path: 'userName', value: null }])).scimType,
    ).toBe('invalidValue');
  });
});

describe('applyPatch: primary stays unique', () => {
  it('demotes the old primary when an added value is primary', () => {
    const { resource } = apply(sampleUser(), [
      { op: 'add', path: 'emails', value: [{ value: 'new@example.com', type: 'work', primary: true }] },
    ]);
    expect(resource.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: false },
      { value: 'babs@jensen.org', type: 'home' },
      { value: 'new@example.com', type: 'work', primary: true },
    ]);
  });

  it('demotes the old primary when a filtered operation makes another value primary', () => {
    const { resource } = apply(sampleUser(), [
      { op: 'replace', path: 'emails[type eq "home"].primary', value: true },
    ]);
    expect((resource.emails as Record<string, unknown>[]).map((e) => e.primary)).toEqual([false, true]);
  });

  it('rejects a filter that would make two values primary at once', () => {
    const user = {
      ...sampleUser(),
      phoneNumbers: [
        { value: '1', type: 'work' },
        { value: '2', type: 'work' },
      ],
    };
    const error = scimErrorOf(() =>
      apply(user, [{ op: 'replace', path: 'phoneNumbers[type eq "work"].primary', value: true }]),
    );
    expect(error.scimType).toBe('invalidValue');
  });

  it('rejects a replacing list with two primary values', () => {
    const error = scimErrorOf(() =>
      apply(sampleUser(), [
        {
          op: 'replace',
          path: 'addresses',
          value: [
            { type: 'work', primary: true },
            { type: 'home', primary: true },
          ],
        },
      ]),
    );
    expect(error.scimType).toBe('invalidValue');
  });

  it('leaves primary alone when the operation sets no value primary', () => {
    const { resource } = apply(sampleUser(), [
      { op: 'add', path: 'emails', value: [{ value: 'n@example.com', primary: false }] },
    ]);
    expect((resource.emails as Record<string, unknown>[]).map((e) => e.primary)).toEqual([
      true,
      undefined,
      false,
    ]);
  });
});
