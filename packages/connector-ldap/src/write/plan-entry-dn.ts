import { dnKey, formatDn, parseDn, type Rdn } from '../escape/distinguished-name.js';
import type { DesiredEntry } from '../from-canonical.js';

export interface EntryDnInput {
  readonly currentDn: string;
  /** The naming template filled with the desired resource. */
  readonly templateDn: string;
  readonly desired: DesiredEntry;
  /** Follow the template's container (moveEntries); otherwise an entry stays where it is. */
  readonly moveEntries: boolean;
  /** move-to-ou: the disabled container, and whether a DN lies in it. */
  readonly disabledContainer?: string;
  readonly isInDisabledContainer?: (dn: string) => boolean;
}

/** Where an entry should be after an update; `changed` when that needs a modrdn. */
export interface EntryDnPlan {
  readonly dn: string;
  readonly rdn: Rdn;
  readonly parent: string;
  readonly changed: boolean;
}

const sameText = (left: string, right: string) => left.toLowerCase() === right.toLowerCase();

/** The RDN an entry should carry: its naming attribute follows the data, its type never changes. */
function plannedRdn(current: Rdn, template: Rdn, desired: DesiredEntry): Rdn {
  if (current.length !== 1) return current; // multi-valued RDNs are left alone
  const [ava] = current as [Rdn[number]];
  const [templateAva] = template as [Rdn[number]];
  if (sameText(ava.type, templateAva.type))
    return sameText(ava.value, templateAva.value) ? current : [{ type: ava.type, value: templateAva.value }];
  // An entry named by another attribute than the template's (made outside idsync): rename only
  // when that attribute's desired values no longer include the current one.
  const wanted = desired.attributes.get(ava.type.toLowerCase())?.values ?? [];
  if (wanted.length === 0 || wanted.some((value) => sameText(value, ava.value))) return current;
  return [{ type: ava.type, value: wanted[0] as string }];
}

/**
 * Plans the rename or move of an existing entry. The RDN follows the naming attribute's value
 * (a new userName renames `uid=old` to `uid=new`); the container follows the template when
 * `moveEntries` is on, and the disabled container in move-to-ou mode. An account already in the
 * disabled container stays there unless the update asks for `active: true`.
 */
export function planEntryDn(input: EntryDnInput): EntryDnPlan {
  const [currentRdn, ...currentParent] = parseDn(input.currentDn) as [Rdn, ...Rdn[]];
  const [templateRdn, ...templateParent] = parseDn(input.templateDn) as [Rdn, ...Rdn[]];
  const rdn = plannedRdn(currentRdn, templateRdn, input.desired);
  const disabledNow = input.isInDisabledContainer?.(input.currentDn) ?? false;
  const active = input.desired.active ?? !disabledNow;
  let parent: readonly Rdn[];
  if (!active && input.disabledContainer !== undefined) parent = parseDn(input.disabledContainer);
  else if (disabledNow || input.moveEntries) parent = templateParent;
  else parent = currentParent;
  const dn = formatDn([rdn, ...parent]);
  return { dn, rdn, parent: formatDn(parent), changed: dnKey(dn) !== dnKey(input.currentDn) };
}
