import { describe, expect, it } from '@jest/globals';
import {
  applyPatch,
  createCoreRegistry,
  ENTERPRISE_USER_SCHEMA,
  USER_SCHEMA,
  type ScimResource,
} from '@idsync/scim';
import { computeUpdate } from './compute-update.js';

const registry = createCoreRegistry();
const scope = registry.scopeOf('User');

const remote: ScimResource = {
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  id: 'r1',
  userName: 'ada@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
  title: 'Analyst',
  nickName: 'set outside idsync',
  emails: [
    { value: 'ada@example.com', type: 'work', primary: true },
    { value: 'ada@home.example', type: 'home' },
  ],
  [ENTERPRISE_USER_SCHEMA]: { department: 'Research', costCenter: 'CC-1' },
};

function update(desired: ScimResource, valuePathFilters = true) {
  const result = computeUpdate(remote, desired, { registry, objectType: 'User', valuePathFilters });
  const after = applyPatch(remote, result.patch, { registry, scope }).resource as ScimResource;
  return { ...result, after };
}

describe('computeUpdate', () => {
  it('finds nothing to do when the managed attributes agree', () => {
    expect(
      update({ schemas: [USER_SCHEMA], userName: 'ada@example.com', name: { givenName: 'Ada' } }).patch,
    ).toEqual([]);
  });

  it('changes a mapped sub-attribute and leaves unmapped ones alone', () => {
    const { after, changes } = update({ schemas: [USER_SCHEMA], name: { givenName: 'Augusta' } });
    expect(after.name).toEqual({ givenName: 'Augusta', familyName: 'Lovelace', formatted: 'Ada Lovelace' });
    expect(after.nickName).toBe('set outside idsync');
    expect(changes).toEqual([
      { path: 'name', from: remote.name, to: { ...(remote.name as object), givenName: 'Augusta' } },
    ]);
  });

  it('clears an attribute whose mapping yields nothing', () => {
    const { after, patch } = update({ schemas: [USER_SCHEMA], title: null });
    expect(after.title).toBeUndefined();
    expect(patch).toEqual([expect.objectContaining({ op: 'remove', path: 'title' })]);
  });

  it('replaces the work email and keeps the home email someone added remotely', () => {
    for (const filters of [true, false]) {
      const { after } = update(
        { schemas: [USER_SCHEMA], emails: [{ type: 'work', value: 'augusta@example.com' }] },
        filters,
      );
      const emails = after.emails as { value: string; type: string }[];
      expect(emails.map((e) => e.value).sort()).toEqual(['ada@home.example', 'augusta@example.com']);
    }
  });

  it('updates extension attributes without touching unmapped ones', () => {
    const { after } = update({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      [ENTERPRISE_USER_SCHEMA]: { department: 'Engineering' },
    });
    expect(after[ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'Engineering', costCenter: 'CC-1' });
  });

  describe('a typed element whose mapping yields nothing', () => {
    const work = { schemas: [USER_SCHEMA], emails: [{ type: 'work', value: null }] };

    it('removes the remote element of that type through a value filter and keeps the others', () => {
      const { after, patch, target } = update(work);
      expect(patch).toEqual([{ op: 'remove', path: 'emails[value eq "ada@example.com"]' }]);
      expect(after.emails).toEqual([{ value: 'ada@home.example', type: 'home' }]);
      expect(target.emails).toEqual([{ value: 'ada@home.example', type: 'home' }]);
    });

    it('replaces the attribute without the element when the target takes no value filters', () => {
      const { after, patch } = update(work, false);
      expect(patch).toEqual([
        { op: 'replace', path: 'emails', value: [{ value: 'ada@home.example', type: 'home' }] },
      ]);
      expect(after.emails).toEqual([{ value: 'ada@home.example', type: 'home' }]);
    });

    it('removes the attribute when that element was its only one', () => {
      const only = { ...remote, phoneNumbers: [{ type: 'mobile', value: '+1 555 0100' }] };
      const result = computeUpdate(
        only,
        { schemas: [USER_SCHEMA], phoneNumbers: [{ type: 'mobile', value: null }] },
        { registry, objectType: 'User', valuePathFilters: true },
      );
      const after = applyPatch(only, result.patch, { registry, scope }).resource as ScimResource;
      expect(after.phoneNumbers).toBeUndefined();
      expect(result.target.phoneNumbers).toBeUndefined();
    });

    it('changes nothing when the remote object has no element of that type', () => {
      const homeOnly = { ...remote, emails: [{ value: 'ada@home.example', type: 'home' }] };
      const result = computeUpdate(homeOnly, work, { registry, objectType: 'User', valuePathFilters: true });
      expect(result.patch).toEqual([]);
      const none = computeUpdate({ ...remote, emails: undefined }, work, {
        registry,
        objectType: 'User',
        valuePathFilters: true,
      });
      expect(none.patch).toEqual([]);
      expect(none.target.emails).toBeUndefined();
    });

    it('drops the element even when another mapping still gives it a sub-attribute such as primary', () => {
      const { after } = update({
        schemas: [USER_SCHEMA],
        emails: [{ type: 'work', value: null, primary: true }],
      });
      expect(after.emails).toEqual([{ value: 'ada@home.example', type: 'home' }]);
    });

    it('keeps a typed element without a value sub-attribute while some mapped sub-attribute has a value', () => {
      const withAddress = {
        ...remote,
        addresses: [{ type: 'work', streetAddress: '1 Main St', locality: 'London' }],
      };
      const desired = {
        schemas: [USER_SCHEMA],
        addresses: [{ type: 'work', streetAddress: null, locality: 'Paris' }],
      };
      const result = computeUpdate(withAddress, desired, {
        registry,
        objectType: 'User',
        valuePathFilters: true,
      });
      expect(result.target.addresses).toEqual([{ type: 'work', locality: 'Paris' }]);
      const cleared = computeUpdate(
        withAddress,
        { schemas: [USER_SCHEMA], addresses: [{ type: 'work', streetAddress: null, locality: null }] },
        { registry, objectType: 'User', valuePathFilters: true },
      );
      expect(cleared.target.addresses).toBeUndefined();
      expect(cleared.patch).toEqual([{ op: 'remove', path: 'addresses' }]);
    });
  });

  describe('attributes the schema registry does not know', () => {
    const acme = 'urn:acme:params:scim:schemas:extension:2.0:User';
    const withAcme: ScimResource = {
      ...remote,
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, acme],
      [acme]: { costCenter: 'CC-1', floor: 3, badges: [{ type: 'door', value: 'D-1' }] },
    };
    const diff = (from: ScimResource, desired: ScimResource, customSchemaUrns: readonly string[] = []) =>
      computeUpdate(from, desired, {
        registry,
        objectType: 'User',
        valuePathFilters: true,
        customSchemaUrns,
      });

    it('writes a change to an attribute of a custom extension, comparing strings exactly', () => {
      expect(diff(withAcme, { schemas: [USER_SCHEMA, acme], [acme]: { costCenter: 'CC-2' } }).patch).toEqual([
        { op: 'replace', path: `${acme}:costCenter`, value: 'CC-2' },
      ]);
      expect(diff(withAcme, { schemas: [USER_SCHEMA, acme], [acme]: { costCenter: 'cc-1' } }).patch).toEqual([
        { op: 'replace', path: `${acme}:costCenter`, value: 'cc-1' },
      ]);
      expect(
        diff(withAcme, { schemas: [USER_SCHEMA, acme], [acme]: { costCenter: 'CC-1', floor: 3 } }).patch,
      ).toEqual([]);
    });

    it('adds a custom extension the remote object does not have yet, and clears one of its attributes', () => {
      expect(diff(remote, { schemas: [USER_SCHEMA, acme], [acme]: { costCenter: 'CC-9' } }).patch).toEqual([
        { op: 'add', path: `${acme}:costCenter`, value: 'CC-9' },
      ]);
      const cleared = diff(withAcme, { schemas: [USER_SCHEMA, acme], [acme]: { costCenter: null } });
      expect(cleared.patch).toEqual([{ op: 'remove', path: `${acme}:costCenter` }]);
      expect(cleared.target[acme]).toEqual({ floor: 3, badges: [{ type: 'door', value: 'D-1' }] });
    });

    it('names the rule that maps the custom attribute in the change', () => {
      const provenance = [
        {
          ruleId: 'hr',
          kind: 'direct' as const,
          from: 'costCenter',
          targetPath: `${acme}:costCenter`,
          value: 'CC-2',
          defaultApplied: false,
        },
      ];
      const result = computeUpdate(
        withAcme,
        { schemas: [USER_SCHEMA, acme], [acme]: { costCenter: 'CC-2' } },
        { registry, objectType: 'User', valuePathFilters: true, provenance },
      );
      expect(result.changes).toEqual([expect.objectContaining({ path: acme, ruleId: 'hr' })]);
    });

    it('learns numbers and typed multi-valued elements from the values', () => {
      expect(diff(withAcme, { schemas: [USER_SCHEMA, acme], [acme]: { floor: 4 } }).patch).toEqual([
        { op: 'replace', path: `${acme}:floor`, value: 4 },
      ]);
      expect(
        diff(withAcme, { schemas: [USER_SCHEMA, acme], [acme]: { badges: [{ type: 'door', value: 'D-2' }] } })
          .patch,
      ).toEqual([
        { op: 'remove', path: `${acme}:badges[value eq "D-1"]` },
        { op: 'add', path: `${acme}:badges`, value: [{ type: 'door', value: 'D-2' }] },
      ]);
    });

    it("registers the connection's custom schema URNs, whatever case the mapped object spells them in", () => {
      const desired = {
        schemas: [USER_SCHEMA, acme.toUpperCase()],
        [acme.toUpperCase()]: { costCenter: 'CC-3' },
      };
      expect(diff(withAcme, desired, [acme]).patch).toEqual([
        { op: 'replace', path: `${acme}:costCenter`, value: 'CC-3' },
      ]);
    });

    it('compares an attribute unknown to a known schema by value instead of skipping it', () => {
      const desired = {
        schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        [ENTERPRISE_USER_SCHEMA]: { badgeNumber: 'B-7' },
        favouriteColour: 'blue',
      };
      expect(diff(remote, desired).patch).toEqual([
        { op: 'add', path: 'favouriteColour', value: 'blue' },
        { op: 'add', path: `${ENTERPRISE_USER_SCHEMA}:badgeNumber`, value: 'B-7' },
      ]);
    });
  });
});
