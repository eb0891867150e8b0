import { describe, expect, it } from '@jest/globals';
import { USER_SCHEMA } from '@idsync/scim';
import { LdapEntry } from '../directory/ldap-entry.js';
import { firstRdn } from '../escape/distinguished-name.js';
import { fromCanonical, type DesiredEntry } from '../from-canonical.js';
import { unitConfig } from '../testing/unit-config.js';
import { planEntryDn } from './plan-entry-dn.js';
import { planModifications } from './plan-modifications.js';

const config = unitConfig();
const desiredOf = (resource: Record<string, unknown>): DesiredEntry =>
  fromCanonical('User', { schemas: [USER_SCHEMA], ...resource }, config.users, config.registry, 'replace');

describe('planModifications', () => {
  const entry = new LdapEntry('uid=ada,ou=people,dc=example,dc=org', {
    uid: 'ada',
    cn: ['Ada Lovelace', 'Ada'],
    sn: 'Lovelace',
    title: 'Countess',
    mail: ['a@x', 'b@x'],
  });
  const rdn = firstRdn(entry.dn);

  it('sends nothing when the entry already matches, keeping extra values of single-valued attributes', () => {
    const desired = desiredOf({
      userName: 'ada',
      name: { formatted: 'Ada Lovelace', familyName: 'Lovelace' },
      title: 'Countess',
      emails: [
        { value: 'b@x', type: 'work' },
        { value: 'a@x', type: 'work' },
      ],
    });
    expect(planModifications(entry, desired, rdn, rdn)).toEqual([]);
  });

  it('replaces only what changed and deletes what the resource lacks', () => {
    const desired = desiredOf({
      userName: 'ada',
      name: { formatted: 'Ada Lovelace', familyName: 'Byron' },
      emails: [{ value: 'a@x', type: 'work' }],
    });
    expect(planModifications(entry, desired, rdn, rdn)).toEqual([
      { operation: 'replace', attribute: 'sn', values: ['Byron'] },
      { operation: 'replace', attribute: 'mail', values: ['a@x'] },
      { operation: 'delete', attribute: 'title', values: [] },
    ]);
  });

  it('leaves the naming attribute to the modrdn, keeping the RDN value', () => {
    const renamed = [{ type: 'uid', value: 'augusta' }];
    const desired = desiredOf({
      userName: 'augusta',
      name: { formatted: 'Ada Lovelace', familyName: 'Lovelace' },
      title: 'Countess',
      emails: [{ value: 'a@x' }, { value: 'b@x' }],
    });
    expect(planModifications(entry, desired, rdn, renamed)).toEqual([]);
  });
});

describe('planEntryDn', () => {
  const template = (resource: Record<string, unknown>) =>
    config.users.template.render({ schemas: [USER_SCHEMA], ...resource });

  it('keeps the DN when nothing in it changed, whatever the escaping or case', () => {
    const desired = desiredOf({ userName: 'Doe, John' });
    const plan = planEntryDn({
      currentDn: 'UID=Doe\\, John,OU=People,DC=example,DC=org',
      templateDn: template({ userName: 'Doe, John' }),
      desired,
      moveEntries: true,
    });
    expect(plan.changed).toBe(false);
  });

  it('renames when the naming value changes and moves when the container changes', () => {
    const desired = desiredOf({ userName: 'new' });
    expect(
      planEntryDn({
        currentDn: 'uid=old,ou=people,dc=example,dc=org',
        templateDn: template({ userName: 'new' }),
        desired,
        moveEntries: true,
      }),
    ).toEqual({
      dn: 'uid=new,ou=people,dc=example,dc=org',
      rdn: [{ type: 'uid', value: 'new' }],
      parent: 'ou=people,dc=example,dc=org',
      changed: true,
    });
    const moved = planEntryDn({
      currentDn: 'uid=new,ou=elsewhere,ou=people,dc=example,dc=org',
      templateDn: template({ userName: 'new' }),
      desired,
      moveEntries: true,
    });
    expect(moved.dn).toBe('uid=new,ou=people,dc=example,dc=org');
    const stays = planEntryDn({
      currentDn: 'uid=new,ou=elsewhere,ou=people,dc=example,dc=org',
      templateDn: template({ userName: 'new' }),
      desired,
      moveEntries: false,
    });
    expect(stays.changed).toBe(false);
  });

  it('keeps the naming attribute of entries named otherwise, renaming only when its value goes away', () => {
    const same = desiredOf({ userName: 'ada', name: { formatted: 'Ada' } });
    expect(
      planEntryDn({
        currentDn: 'cn=Ada,ou=people,dc=example,dc=org',
        templateDn: template({ userName: 'ada' }),
        desired: same,
        moveEntries: false,
      }).changed,
    ).toBe(false);
    const renamed = desiredOf({ userName: 'ada', name: { formatted: 'Augusta' } });
    expect(
      planEntryDn({
        currentDn: 'cn=Ada,ou=people,dc=example,dc=org',
        templateDn: template({ userName: 'ada' }),
        desired: renamed,
        moveEntries: false,
      }).dn,
    ).toBe('cn=Augusta,ou=people,dc=example,dc=org');
  });

  it('moves to the disabled container and back in move-to-ou mode', () => {
    const container = 'ou=disabled,dc=example,dc=org';
    const isInDisabledContainer = (dn: string) => dn.toLowerCase().endsWith(container);
    const base = {
      templateDn: template({ userName: 'ada' }),
      moveEntries: false,
      disabledContainer: container,
      isInDisabledContainer,
    };
    expect(
      planEntryDn({
        ...base,
        currentDn: 'uid=ada,ou=people,dc=example,dc=org',
        desired: desiredOf({ userName: 'ada', active: false }),
      }).dn,
    ).toBe(`uid=ada,${container}`);
    expect(
      planEntryDn({ ...base, currentDn: `uid=ada,${container}`, desired: desiredOf({ userName: 'ada' }) })
        .changed,
    ).toBe(false);
    expect(
      planEntryDn({
        ...base,
        currentDn: `uid=ada,${container}`,
        desired: desiredOf({ userName: 'ada', active: true }),
      }).dn,
    ).toBe('uid=ada,ou=people,dc=example,dc=org');
  });
});
