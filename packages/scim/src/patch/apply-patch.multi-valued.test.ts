import { describe, expect, it } from '@jest/globals';
import { apply, scimErrorOf } from './test-fixtures/patch-helpers.js';
import { sampleGroup, sampleUser } from './test-fixtures/sample-resources.js';
import { TEST_EXTENSION, groupContext } from './test-fixtures/test-registry.js';

describe('applyPatch: multi-valued attributes and value filters', () => {
  it('sets a sub-attribute of the values a filter selects', () => {
    const { resource } = apply(sampleUser(), [
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'babs@example.com' },
    ]);
    expect(resource.emails).toEqual([
      { value: 'babs@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ]);
  });

  it('compares filter values by the schema: emails are not case exact', () => {
    const { resource } = apply(sampleUser(), [
      { op: 'remove', path: 'emails[value eq "BJENSEN@EXAMPLE.COM"]' },
    ]);
    expect(resource.emails).toEqual([{ value: 'babs@jensen.org', type: 'home' }]);
  });

  it('replace with a filter that matches nothing is noTarget and never adds a value', () => {
    const error = scimErrorOf(() =>
      apply(sampleUser(), [{ op: 'replace', path: 'emails[type eq "other"].value', value: 'x@example.com' }]),
    );
    expect(error.scimType).toBe('noTarget');
    expect(error.detail).toMatch(/matches no value of "emails"/);
  });

  it('remove with a filter that matches nothing is noTarget by default, or ignored when configured', () => {
    const path = 'members[value eq "not-a-member"]';
    expect(scimErrorOf(() => apply(sampleGroup(), [{ op: 'remove', path }], groupContext)).scimType).toBe(
      'noTarget',
    );
    const { resource, changed } = apply(sampleGroup(), [{ op: 'remove', path }], groupContext, {
      unmatchedRemoveFilter: 'ignore',
    });
    expect(changed).toBe(false);
    expect(resource.members).toEqual(sampleGroup().members);
  });

  it('remove of an attribute that is not there succeeds without a change', () => {
    const user = sampleUser();
    delete user.nickName;
    const { changed } = apply(user, [
      { op: 'remove', path: 'nickName' },
      { op: 'remove', path: `${TEST_EXTENSION}:tags` },
    ]);
    expect(changed).toBe(false);
  });

  it('add with an equality filter that matches nothing adds the value it describes', () => {
    const { resource } = apply(sampleUser(), [
      { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '555-0100' },
    ]);
    expect(resource.phoneNumbers).toEqual([
      { value: '555-555-5555', type: 'work' },
      { type: 'mobile', value: '555-0100' },
    ]);
  });

  it('add with a filter that cannot describe a value and matches nothing is noTarget', () => {
    const error = scimErrorOf(() =>
      apply(sampleUser(), [{ op: 'add', path: 'phoneNumbers[type ne "work"].value', value: '555-0100' }]),
    );
    expect(error.scimType).toBe('noTarget');
  });

  it('add with a filter that matches sets the sub-attribute on the matching values', () => {
    const { resource } = apply(sampleUser(), [
      { op: 'add', path: 'emails[type eq "home"].display', value: 'Home' },
    ]);
    expect((resource.emails as object[])[1]).toEqual({
      value: 'babs@jensen.org',
      type: 'home',
      display: 'Home',
    });
  });

  it('removes a sub-attribute from the matching values only', () => {
    const { resource } = apply(sampleUser(), [
      { op: 'remove', path: 'addresses[type eq "home"].postalCode' },
    ]);
    const addresses = resource.addresses as Record<string, unknown>[];
    expect(addresses[1]).not.toHaveProperty('postalCode');
    expect(addresses[0]!.postalCode).toBe('91608');
  });

  it('a sub-attribute path without filter targets every value (emails.display)', () => {
    const { resource } = apply(sampleUser(), [{ op: 'add', path: 'emails.display', value: 'E-mail' }]);
    expect((resource.emails as Record<string, unknown>[]).map((e) => e.display)).toEqual([
      'E-mail',
      'E-mail',
    ]);
    const cleared = apply(resource, [{ op: 'remove', path: 'emails.display' }]).resource;
    expect(cleared.emails).toEqual(sampleUser().emails);
  });

  it('filters values of a simple multi-valued attribute with "value"', () => {
    const user = { ...sampleUser(), [TEST_EXTENSION]: { tags: ['blue', 'Green', 'red'] } };
    const removed = apply(user, [
      { op: 'remove', path: `${TEST_EXTENSION}:tags[value eq "green"]` },
    ]).resource;
    expect(removed[TEST_EXTENSION]).toEqual({ tags: ['blue', 'red'] });
    const replaced = apply(user, [
      { op: 'replace', path: `${TEST_EXTENSION}:tags[value sw "r"]`, value: 'rose' },
    ]).resource;
    expect(replaced[TEST_EXTENSION]).toEqual({ tags: ['blue', 'Green', 'rose'] });
  });

  it('does not add a duplicate of an existing value, compared by the schema', () => {
    const user = { ...sampleUser(), [TEST_EXTENSION]: { tags: ['Blue'], codes: ['AB'] } };
    const { resource } = apply(user, [
      { op: 'add', path: `${TEST_EXTENSION}:tags`, value: ['blue', 'green'] },
      { op: 'add', path: `${TEST_EXTENSION}:codes`, value: ['ab', 'AB'] },
    ]);
    // tags are not case exact, codes are.
    expect(resource[TEST_EXTENSION]).toEqual({ tags: ['Blue', 'green'], codes: ['AB', 'ab'] });
  });

  it('takes a single value for a multi-valued attribute as a list of one', () => {
    const { resource } = apply(
      sampleGroup(),
      [{ op: 'add', path: 'members', value: { value: 'new-member' } }],
      groupContext,
    );
    expect((resource.members as { value: string }[]).map((m) => m.value)).toContain('new-member');
  });

  it('replace with an empty list or null clears a multi-valued attribute', () => {
    expect(apply(sampleUser(), [{ op: 'replace', path: 'emails', value: [] }]).resource).not.toHaveProperty(
      'emails',
    );
    expect(
      apply(sampleUser(), [{ op: 'replace', path: 'phoneNumbers', value: null }]).resource,
    ).not.toHaveProperty('phoneNumbers');
  });

  it('a value filter on a single-valued attribute is invalidPath', () => {
    expect(
      scimErrorOf(() => apply(sampleUser(), [{ op: 'remove', path: 'name[givenName eq "x"]' }])).scimType,
    ).toBe('invalidPath');
  });
});
