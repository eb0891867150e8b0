import type { LdapEntry } from '../directory/ldap-entry.js';
import type { Rdn } from '../escape/distinguished-name.js';
import type { DesiredEntry } from '../from-canonical.js';
import type { Modification } from '../ldap-client.js';

const lower = (value: string) => value.toLowerCase();

/** The entry's values of an attribute once a planned modrdn has replaced the old RDN value by the new one. */
function valuesAfterRename(entry: LdapEntry, attribute: string, oldRdn: Rdn, newRdn: Rdn): string[] {
  const type = lower(attribute);
  const removed = oldRdn.filter((ava) => lower(ava.type) === type).map((ava) => lower(ava.value));
  const added = newRdn.filter((ava) => lower(ava.type) === type).map((ava) => ava.value);
  const kept = entry
    .texts(attribute)
    .filter((value) => !removed.includes(lower(value)) || added.some((a) => lower(a) === lower(value)));
  return [...kept, ...added.filter((value) => !kept.some((k) => lower(k) === lower(value)))];
}

const sameSet = (left: readonly string[], right: readonly string[]) =>
  left.length === right.length && left.every((value) => right.includes(value));

/**
 * The modifications that bring `entry` to `desired`, and no others: an attribute whose values
 * already match is not sent, so the server's modifyTimestamp, its replication and the accesslog
 * see only real changes. Single-valued SCIM attributes compare with the first LDAP value (extra
 * values such as a second `cn` survive); lists compare as sets. The naming attribute always keeps
 * the RDN's value, which LDAP requires.
 */
export function planModifications(
  entry: LdapEntry,
  desired: DesiredEntry,
  oldRdn: Rdn,
  newRdn: Rdn,
): Modification[] {
  const modifications: Modification[] = [];
  for (const attribute of desired.attributes.values()) {
    const current = valuesAfterRename(entry, attribute.name, oldRdn, newRdn);
    const naming = newRdn.filter((ava) => lower(ava.type) === lower(attribute.name)).map((ava) => ava.value);
    let wanted = attribute.multiValued ? [...attribute.values] : attribute.values.slice(0, 1);
    for (const value of naming)
      if (!wanted.some((w) => lower(w) === lower(value))) wanted = [...wanted, value];
    const unchanged = attribute.multiValued
      ? sameSet(current, wanted)
      : (wanted.length === 0 && current.length === 0) ||
        (wanted.length > 0 &&
          current[0] === wanted[0] &&
          wanted.every((value) => current.some((c) => lower(c) === lower(value))));
    if (unchanged) continue;
    if (wanted.length === 0) {
      if (current.length > 0)
        modifications.push({ operation: 'delete', attribute: attribute.name, values: [] });
      continue;
    }
    modifications.push({ operation: 'replace', attribute: attribute.name, values: wanted });
  }
  return modifications;
}
