import { describe, expect, it } from '@jest/globals';
import { applyPatch } from './apply-patch.js';
import { diffResources } from './diff-resources.js';
import { sampleGroup, sampleUser } from './test-fixtures/sample-resources.js';
import {
  ENTERPRISE_USER_SCHEMA,
  TEST_EXTENSION,
  USER_SCHEMA,
  groupContext,
  userContext,
} from './test-fixtures/test-registry.js';

const ENTERPRISE = ENTERPRISE_USER_SCHEMA;

function edited(change: (user: Record<string, unknown>) => void): Record<string, unknown> {
  const user = sampleUser();
  change(user);
  return user;
}

describe('diffResources', () => {
  it('gives no operations for equal resources, also when multi-valued values are reordered', () => {
    const reordered = edited((u) => (u.emails = [...(u.emails as object[])].reverse()));
    expect(diffResources(sampleUser(), reordered, userContext)).toEqual([]);
  });

  it('replaces changed, adds new and removes cleared single-valued attributes', () => {
    const to = edited((u) => {
      u.displayName = 'Barbara Jensen';
      delete u.nickName;
      u.title = 'Tour Guide';
    });
    expect(diffResources(sampleUser(), to, userContext)).toEqual([
      { op: 'replace', path: 'displayName', value: 'Barbara Jensen' },
      { op: 'remove', path: 'nickName' },
      { op: 'add', path: 'title', value: 'Tour Guide' },
    ]);
  });

  it('changes a complex attribute sub-attribute by sub-attribute', () => {
    const to = edited((u) => (u.name = { familyName: 'Jensen', givenName: 'Babs', honorificPrefix: 'Ms.' }));
    expect(diffResources(sampleUser(), to, userContext)).toEqual([
      { op: 'replace', path: 'name.givenName', value: 'Babs' },
      { op: 'remove', path: 'name.middleName' },
      { op: 'add', path: 'name.honorificPrefix', value: 'Ms.' },
    ]);
  });

  it('removes a cleared complex attribute and adds a new one whole', () => {
    expect(
      diffResources(
        sampleUser(),
        edited((u) => delete u.name),
        userContext,
      ),
    ).toEqual([{ op: 'remove', path: 'name' }]);
    expect(
      diffResources(
        edited((u) => delete u.name),
        sampleUser(),
        userContext,
      ),
    ).toEqual([
      { op: 'add', path: 'name', value: { familyName: 'Jensen', givenName: 'Barbara', middleName: 'Jane' } },
    ]);
  });

  it('changes multi-valued attributes value by value through value filters', () => {
    const to = edited(
      (u) =>
        (u.emails = [
          { value: 'bjensen@example.com', type: 'work', primary: true },
          { value: 'new@example.com', type: 'home' },
        ]),
    );
    expect(diffResources(sampleUser(), to, userContext)).toEqual([
      { op: 'remove', path: 'emails[value eq "babs@jensen.org"]' },
      { op: 'add', path: 'emails', value: [{ value: 'new@example.com', type: 'home' }] },
    ]);
  });

  it('removes and re-adds a value whose other sub-attributes changed', () => {
    const to = edited(
      (u) =>
        (u.emails = [
          { value: 'bjensen@example.com', type: 'home', primary: true },
          { value: 'babs@jensen.org', type: 'home' },
        ]),
    );
    expect(diffResources(sampleUser(), to, userContext)).toEqual([
      { op: 'remove', path: 'emails[value eq "bjensen@example.com"]' },
      { op: 'add', path: 'emails', value: [{ value: 'bjensen@example.com', type: 'home', primary: true }] },
    ]);
  });

  it('adds and removes group members individually', () => {
    const to = {
      ...sampleGroup(),
      members: [(sampleGroup().members as object[])[1], { value: 'u-new', display: 'New' }],
    };
    expect(diffResources(sampleGroup(), to, groupContext)).toEqual([
      { op: 'remove', path: 'members[value eq "2819c223-7f76-453a-919d-413861904646"]' },
      { op: 'add', path: 'members', value: [{ value: 'u-new', display: 'New' }] },
    ]);
  });

  it('replaces the whole attribute for targets without value filters', () => {
    const to = { ...sampleGroup(), members: [{ value: 'u-new' }] };
    expect(diffResources(sampleGroup(), to, { ...groupContext, valuePathFilters: false })).toEqual([
      { op: 'replace', path: 'members', value: [{ value: 'u-new' }] },
    ]);
  });

  it('replaces the whole attribute when value-by-value would exceed maxOperationsPerMultiValued', () => {
    const to = { ...sampleGroup(), members: [{ value: 'u-new' }] };
    expect(diffResources(sampleGroup(), to, { ...groupContext, maxOperationsPerMultiValued: 2 })).toEqual([
      { op: 'replace', path: 'members', value: [{ value: 'u-new' }] },
    ]);
  });

  it('replaces attributes whose values have no "value" to name them by (addresses)', () => {
    const to = edited((u) => (u.addresses = [(u.addresses as object[])[0]]));
    expect(diffResources(sampleUser(), to, userContext)).toEqual([
      { op: 'replace', path: 'addresses', value: [(sampleUser().addresses as object[])[0]] },
    ]);
  });

  it('uses URN-qualified paths for extension attributes, also for value filters and sub-attributes', () => {
    const from = {
      ...sampleUser(),
      schemas: [USER_SCHEMA, ENTERPRISE, TEST_EXTENSION],
      [TEST_EXTENSION]: { tags: ['red', 'blue'] },
    };
    const to = edited((u) => {
      u.schemas = [USER_SCHEMA, ENTERPRISE, TEST_EXTENSION];
      u[ENTERPRISE] = {
        employeeNumber: '701984',
        costCenter: '4130',
        manager: { value: 'boss-2', displayName: 'John Smith' },
      };
      u[TEST_EXTENSION] = { tags: ['blue'] };
    });
    expect(diffResources(from, to, userContext)).toEqual([
      { op: 'remove', path: `${ENTERPRISE}:department` },
      { op: 'replace', path: `${ENTERPRISE}:manager.value`, value: 'boss-2' },
      { op: 'remove', path: `${TEST_EXTENSION}:tags[value eq "red"]` },
    ]);
  });

  it('removes every attribute of an extension the target no longer has', () => {
    const to = edited((u) => {
      delete u[ENTERPRISE];
      u.schemas = [USER_SCHEMA];
    });
    const operations = diffResources(sampleUser(), to, userContext);
    expect(operations.map((o) => `${o.op} ${o.path}`)).toEqual([
      `remove ${ENTERPRISE}:employeeNumber`,
      `remove ${ENTERPRISE}:costCenter`,
      `remove ${ENTERPRISE}:department`,
      `remove ${ENTERPRISE}:manager`,
    ]);
    const { resource } = applyPatch(sampleUser(), operations, userContext);
    expect(resource).not.toHaveProperty(ENTERPRISE);
    expect(resource.schemas).toEqual([USER_SCHEMA]);
  });

  it('ignores readOnly attributes and sub-attributes', () => {
    const to = edited((u) => {
      u.id = 'other-id';
      u.meta = { resourceType: 'User', version: 'W/"9"' };
      u.groups = [];
      (u[ENTERPRISE] as Record<string, Record<string, unknown>>).manager!.displayName = 'Jane Doe';
    });
    expect(diffResources(sampleUser(), to, userContext)).toEqual([]);
  });

  it('sends new complex values without their readOnly sub-attributes', () => {
    const from = edited((u) => delete (u[ENTERPRISE] as Record<string, unknown>).manager);
    expect(diffResources(from, sampleUser(), userContext)).toEqual([
      { op: 'add', path: `${ENTERPRISE}:manager`, value: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
    ]);
  });

  it('escapes filter values so that any id round-trips through the path', () => {
    const from = { ...sampleGroup(), members: [{ value: 'odd "id" \\ here' }, { value: 'plain' }] };
    const to = { ...sampleGroup(), members: [{ value: 'plain' }] };
    const operations = diffResources(from, to, groupContext);
    expect(operations).toEqual([{ op: 'remove', path: 'members[value eq "odd \\"id\\" \\\\ here"]' }]);
    expect(applyPatch(from, operations, groupContext).resource.members).toEqual([{ value: 'plain' }]);
  });
});
