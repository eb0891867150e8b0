import type { ObjectType } from '@idsync/core';
import { getCaseInsensitive, validateResource, type SchemaRegistry, type ScimResource } from '@idsync/scim';
import type { ObjectLayout } from './layout/object-layout.js';
import { readScimValues } from './mapping/read-scim-value.js';

/** The values one LDAP attribute should hold; an empty list means "absent". */
export interface DesiredAttribute {
  /** The attribute name as configured. */
  readonly name: string;
  readonly values: readonly string[];
  /** Whether the SCIM side is a list: then the LDAP values compare as a set, not by the first one. */
  readonly multiValued: boolean;
}

/** What an entry should look like, from a canonical resource. */
export interface DesiredEntry {
  /** Every attribute the layout owns, keyed by lower-case name; values empty when the resource has none. */
  readonly attributes: ReadonlyMap<string, DesiredAttribute>;
  /** Undefined when the resource does not say (leave the account as it is). */
  readonly active?: boolean;
  /** Write-only: set when the resource carries one, never compared. */
  readonly password?: string;
  /** Group members as remote ids, when the resource carries `members` (create and replace only). */
  readonly members?: readonly string[];
}

function membersOf(resource: ScimResource): string[] | undefined {
  const members = getCaseInsensitive<unknown>(resource, 'members');
  if (!Array.isArray(members)) return undefined;
  return members
    .map((member) =>
      member && typeof member === 'object' ? getCaseInsensitive<unknown>(member, 'value') : undefined,
    )
    .filter((value): value is string => typeof value === 'string' && value !== '');
}

/**
 * A canonical resource as LDAP attribute values, through the layout's attribute map. The SCIM
 * validator checks it first (types, required attributes such as userName), and its errors
 * become `invalid`. Every mapped attribute gets an entry, empty when the resource lacks it, so a
 * replace clears what was left out. Attributes the directory schema requires but the resource
 * may lack (inetOrgPerson's `cn` and `sn`) are filled from the preset's fallbacks. Elements of a
 * multi-valued attribute without a type go to its first mapping (an email without a type is
 * written to `mail`); elements of a type no mapping names are not written.
 */
export function fromCanonical(
  type: ObjectType,
  resource: ScimResource,
  layout: ObjectLayout,
  registry: SchemaRegistry,
  mode: 'create' | 'replace',
): DesiredEntry {
  const validated = validateResource(resource, { registry, scope: registry.scopeOf(type), mode });
  const attributes = new Map<string, DesiredAttribute>();
  const firstOfAttribute = new Set<string>();
  for (const mapping of layout.attributes) {
    const { target } = mapping;
    const attributeKey = `${target.schema ?? ''}:${target.attribute}`.toLowerCase();
    const first = !firstOfAttribute.has(attributeKey);
    firstOfAttribute.add(attributeKey);
    const values = readScimValues(validated, target, first);
    attributes.set(mapping.ldapAttribute.toLowerCase(), {
      name: mapping.ldapAttribute,
      values: target.multiValued ? [...new Set(values)] : values.slice(0, 1),
      multiValued: target.multiValued,
    });
  }
  for (const [name, targets] of layout.fallbacks) {
    const current = attributes.get(name);
    if (current && current.values.length > 0) continue;
    const value = targets
      .map((target) => readScimValues(validated, target, true)[0])
      .find((candidate) => candidate !== undefined);
    attributes.set(name, {
      name: current?.name ?? name,
      values: value === undefined ? [] : [value],
      multiValued: false,
    });
  }
  const active = getCaseInsensitive<unknown>(validated, 'active');
  const password = getCaseInsensitive<unknown>(validated, 'password');
  const members = type === 'Group' ? membersOf(validated) : undefined;
  return {
    attributes,
    ...(typeof active === 'boolean' && type === 'User' ? { active } : {}),
    ...(typeof password === 'string' && password !== '' ? { password } : {}),
    ...(members !== undefined ? { members } : {}),
  };
}
