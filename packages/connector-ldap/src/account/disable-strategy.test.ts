import { describe, expect, it } from '@jest/globals';
import { LdapEntry } from '../directory/ldap-entry.js';
import { createDisableStrategy, PERMANENT_LOCK } from './disable-strategy.js';

const user = (attributes: Record<string, string | string[]> = {}, dn = 'uid=a,ou=people,dc=x') =>
  new LdapEntry(dn, { uid: 'a', ...attributes });

describe('disable strategies', () => {
  it('pwd-account-locked-time locks permanently and unlocks by removing the attribute', () => {
    const strategy = createDisableStrategy({ mode: 'pwd-account-locked-time', disabledValue: 'disabled' });
    expect(strategy.isActive(user())).toBe(true);
    expect(strategy.changesFor(user(), false)).toEqual([
      { operation: 'replace', attribute: 'pwdAccountLockedTime', values: [PERMANENT_LOCK] },
    ]);
    // A lockout set by the password policy (a real time) counts as disabled, and enabling clears it.
    const locked = user({ pwdAccountLockedTime: '20240101000000Z' });
    expect(strategy.isActive(locked)).toBe(false);
    expect(strategy.changesFor(locked, true)).toEqual([
      { operation: 'delete', attribute: 'pwdAccountLockedTime', values: [] },
    ]);
    expect(strategy.changesFor(user({ pwdAccountLockedTime: PERMANENT_LOCK }), false)).toEqual([]);
    expect([...strategy.attributesForNew(false)]).toEqual([['pwdAccountLockedTime', [PERMANENT_LOCK]]]);
    expect([...strategy.attributesForNew(true)]).toEqual([]);
  });

  it('user-account-control flips bit 2 and keeps the other flags', () => {
    const strategy = createDisableStrategy({ mode: 'user-account-control', disabledValue: 'disabled' });
    const enabled = user({ userAccountControl: '66048' });
    expect(strategy.isActive(enabled)).toBe(true);
    expect(strategy.changesFor(enabled, false)).toEqual([
      { operation: 'replace', attribute: 'userAccountControl', values: ['66050'] },
    ]);
    expect(strategy.changesFor(user({ userAccountControl: '66050' }), true)).toEqual([
      { operation: 'replace', attribute: 'userAccountControl', values: ['66048'] },
    ]);
    expect(strategy.changesFor(enabled, true)).toEqual([]);
    expect(strategy.isActive(user({ userAccountControl: '514' }))).toBe(false);
    expect([...strategy.attributesForNew(false)]).toEqual([['userAccountControl', ['514']]]);
  });

  it('status-attribute compares the disabled value without case', () => {
    const strategy = createDisableStrategy({
      mode: 'status-attribute',
      statusAttribute: 'employeeType',
      disabledValue: 'Disabled',
    });
    expect(strategy.isActive(user({ employeeType: 'disabled' }))).toBe(false);
    expect(strategy.isActive(user({ employeeType: 'contractor' }))).toBe(true);
    expect(strategy.changesFor(user({ employeeType: 'contractor' }), false)).toEqual([
      { operation: 'replace', attribute: 'employeeType', values: ['Disabled'] },
    ]);
    expect(strategy.changesFor(user(), true)).toEqual([]);
  });

  it('move-to-ou decides by the container, not by attributes', () => {
    const strategy = createDisableStrategy({
      mode: 'move-to-ou',
      disabledValue: 'disabled',
      disabledContainerDn: 'ou=disabled,dc=x',
    });
    expect(strategy.isActive(user({}, 'uid=a,OU=Disabled,dc=x'))).toBe(false);
    expect(strategy.isActive(user())).toBe(true);
    expect(strategy.changesFor(user(), false)).toEqual([]);
    expect(strategy.containerFor?.(false)).toBe('ou=disabled,dc=x');
    expect(strategy.containerFor?.(true)).toBeUndefined();
  });
});
