import {
  isAccountDisabled,
  newAccountFlags,
  parseUserAccountControl,
  withAccountDisabled,
} from '../active-directory/user-account-control.js';
import type { DisableSettings } from '../config.js';
import type { LdapEntry } from '../directory/ldap-entry.js';
import { isWithin } from '../escape/distinguished-name.js';
import type { Modification } from '../ldap-client.js';

/**
 * How one disable method reads and writes "this account can no longer sign in". Moving to a
 * container is not an attribute change: `containerFor` tells the writer where the entry belongs.
 */
export interface DisableStrategy {
  /** Attributes to read to tell whether an account is active. */
  readonly attributes: readonly string[];
  isActive(entry: LdapEntry): boolean;
  /** The attribute changes that make an existing entry (in)active; none when it already is. */
  changesFor(entry: LdapEntry, active: boolean): Modification[];
  /** Attributes a new entry gets. */
  attributesForNew(active: boolean): ReadonlyMap<string, readonly string[]>;
  /** Where the entry belongs when the method moves entries; undefined otherwise. */
  containerFor?(active: boolean): string | undefined;
  /** Whether an entry in `dn` lies in the disabled container (move-to-ou only). */
  isInDisabledContainer?(dn: string): boolean;
}

/** ppolicy's value for "locked until an administrator unlocks it" (RFC draft behera, OpenLDAP slapo-ppolicy). */
export const PERMANENT_LOCK = '000001010000Z';

const none = new Map<string, readonly string[]>();

function statusAttribute(settings: DisableSettings): DisableStrategy {
  const attribute = settings.statusAttribute as string;
  const disabled = settings.disabledValue;
  const isDisabledValue = (value: string) => value.toLowerCase() === disabled.toLowerCase();
  return {
    attributes: [attribute],
    isActive: (entry) => !entry.texts(attribute).some(isDisabledValue),
    changesFor(entry, active) {
      const values = entry.texts(attribute);
      if (!active)
        return values.length === 1 && isDisabledValue(values[0]!)
          ? []
          : [{ operation: 'replace', attribute, values: [disabled] }];
      if (settings.enabledValue !== undefined) {
        return values.length === 1 && values[0] === settings.enabledValue
          ? []
          : [{ operation: 'replace', attribute, values: [settings.enabledValue] }];
      }
      return values.length === 0 ? [] : [{ operation: 'delete', attribute, values: [] }];
    },
    attributesForNew(active) {
      if (!active) return new Map([[attribute, [disabled]]]);
      return settings.enabledValue !== undefined ? new Map([[attribute, [settings.enabledValue]]]) : none;
    },
  };
}

function passwordLock(): DisableStrategy {
  const attribute = 'pwdAccountLockedTime';
  return {
    attributes: [attribute],
    isActive: (entry) => !entry.has(attribute),
    changesFor(entry, active) {
      if (!active)
        return entry.text(attribute) === PERMANENT_LOCK
          ? []
          : [{ operation: 'replace', attribute, values: [PERMANENT_LOCK] }];
      return entry.has(attribute) ? [{ operation: 'delete', attribute, values: [] }] : [];
    },
    attributesForNew: (active) => (active ? none : new Map([[attribute, [PERMANENT_LOCK]]])),
  };
}

function userAccountControl(): DisableStrategy {
  const attribute = 'userAccountControl';
  return {
    attributes: [attribute],
    isActive: (entry) => {
      const flags = parseUserAccountControl(entry.text(attribute));
      return flags === undefined ? true : !isAccountDisabled(flags);
    },
    changesFor(entry, active) {
      const flags = parseUserAccountControl(entry.text(attribute)) ?? newAccountFlags(false);
      const wanted = withAccountDisabled(flags, !active);
      return wanted === flags && entry.has(attribute)
        ? []
        : [{ operation: 'replace', attribute, values: [String(wanted)] }];
    },
    attributesForNew: (active) => new Map([[attribute, [String(newAccountFlags(!active))]]]),
  };
}

function moveToContainer(settings: DisableSettings): DisableStrategy {
  const container = settings.disabledContainerDn as string;
  const inContainer = (dn: string) => isWithin(dn, container);
  return {
    attributes: [],
    isActive: (entry) => !inContainer(entry.dn),
    changesFor: () => [],
    attributesForNew: () => none,
    containerFor: (active) => (active ? undefined : container),
    isInDisabledContainer: inContainer,
  };
}

export function createDisableStrategy(settings: DisableSettings): DisableStrategy {
  switch (settings.mode) {
    case 'status-attribute':
      return statusAttribute(settings);
    case 'pwd-account-locked-time':
      return passwordLock();
    case 'user-account-control':
      return userAccountControl();
    case 'move-to-ou':
      return moveToContainer(settings);
  }
}
