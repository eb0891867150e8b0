import { describe, expect, it } from '@jest/globals';
import { apply, scimErrorOf } from './test-fixtures/patch-helpers.js';
import { sampleGroup, sampleUser } from './test-fixtures/sample-resources.js';
import { ENTERPRISE_USER_SCHEMA, TEST_EXTENSION, groupContext } from './test-fixtures/test-registry.js';

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
