import { describe, expect, it } from '@jest/globals';
import { applyPatch } from './apply-patch.js';
import { normalisePatchRequest } from './normalise-patch-request.js';
import { apply, scimErrorOf } from './test-fixtures/patch-helpers.js';
import { deepFreeze, sampleGroup, sampleUser } from './test-fixtures/sample-resources.js';
import { ENTERPRISE_USER_SCHEMA, groupContext, userContext } from './test-fixtures/test-registry.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BABS = '2819c223-7f76-453a-919d-413861904646';
const MANDY = '902c246b-6245-4190-8e05-00816be7344a';

/** Requests as Microsoft Entra ID provisioning sends them. */
function entra(resource: Record<string, unknown>, operations: unknown[], context = userContext) {
  return applyPatch(
    deepFreeze(resource),
    normalisePatchRequest({ schemas: [PATCH_OP], Operations: operations }),
    context,
  );
}

describe('Entra ID request forms', () => {
  it('removes only the listed members with {"op":"Remove","path":"members","value":[…]}', () => {
    const group = {
      ...sampleGroup(),
      members: [...(sampleGroup().members as object[]), { value: 'third-member' }],
    };
    const { resource } = entra(
      group,
      [{ op: 'Remove', path: 'members', value: [{ value: BABS }, { value: 'third-member' }] }],
      groupContext,
    );
    expect((resource.members as { value: string }[]).map((m) => m.value)).toEqual([MANDY]);
  });

  it('ignores listed members that are not in the group (the goal is already reached)', () => {
    const { resource, changed } = entra(
      sampleGroup(),
      [{ op: 'Remove', path: 'members', value: [{ value: 'not-a-member' }] }],
      groupContext,
    );
    expect(changed).toBe(false);
    expect(resource.members).toEqual(sampleGroup().members);
  });

  it('adds members with a capitalised "Add"', () => {
    const { resource } = entra(
      sampleGroup(),
      [{ op: 'Add', path: 'members', value: [{ value: 'new-member' }] }],
      groupContext,
    );
    expect((resource.members as { value: string }[]).map((m) => m.value)).toEqual([
      BABS,
      MANDY,
      'new-member',
    ]);
  });

  it('coerces string booleans where the schema says boolean', () => {
    const { resource } = entra(sampleUser(), [{ op: 'Replace', path: 'active', value: 'False' }]);
    expect(resource.active).toBe(false);
    const pathless = entra(sampleUser(), [{ op: 'Replace', value: { active: 'false' } }]).resource;
    expect(pathless.active).toBe(false);
    const primary = entra(sampleUser(), [
      { op: 'Replace', path: 'emails[type eq "home"].primary', value: 'True' },
    ]).resource;
    expect((primary.emails as Record<string, unknown>[]).map((e) => e.primary)).toEqual([false, true]);
  });

  it('does not coerce string booleans when the option is off, nor strings for non-boolean attributes', () => {
    const strict = scimErrorOf(() =>
      apply(sampleUser(), [{ op: 'replace', path: 'active', value: 'False' }], userContext, {
        coerceStringBooleans: false,
      }),
    );
    expect(strict.scimType).toBe('invalidValue');
    // "True" stays a string where the schema says string.
    expect(entra(sampleUser(), [{ op: 'Replace', path: 'title', value: 'True' }]).resource.title).toBe(
      'True',
    );
  });

  it('accepts URN-qualified attribute keys in a path-less value', () => {
    const { resource } = entra(sampleUser(), [
      {
        op: 'Add',
        value: {
          [`${ENTERPRISE_USER_SCHEMA}:employeeNumber`]: '9001',
          [`${ENTERPRISE_USER_SCHEMA}:department`]: 'R&D',
        },
      },
    ]);
    expect(resource[ENTERPRISE_USER_SCHEMA]).toMatchObject({ employeeNumber: '9001', department: 'R&D' });
  });

  it('sets the manager from a bare id', () => {
    const { resource } = entra(sampleUser(), [
      { op: 'Add', path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: 'boss-id' },
    ]);
    expect((resource[ENTERPRISE_USER_SCHEMA] as Record<string, unknown>).manager).toEqual({
      value: 'boss-id',
      displayName: 'John Smith',
    });
  });

  it('adds a value through an equality filter path when none matches', () => {
    const user = sampleUser();
    delete user.phoneNumbers;
    const { resource } = entra(user, [
      { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '+1 555 0100' },
    ]);
    expect(resource.phoneNumbers).toEqual([{ type: 'work', value: '+1 555 0100' }]);
  });

  it('still refuses a Replace through a filter that matches nothing', () => {
    const user = sampleUser();
    delete user.phoneNumbers;
    const error = scimErrorOf(() =>
      entra(user, [{ op: 'Replace', path: 'phoneNumbers[type eq "work"].value', value: '+1 555 0100' }]),
    );
    expect(error.scimType).toBe('noTarget');
  });
});
