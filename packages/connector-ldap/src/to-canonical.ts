import type { RemoteObject } from '@idsync/core';
import { GROUP_SCHEMA, USER_SCHEMA, getCaseInsensitive, type ScimResource } from '@idsync/scim';
import type { LdapEntry } from './directory/ldap-entry.js';
import type { ObjectLayout } from './layout/object-layout.js';
import type { AttributeMapping } from './mapping/attribute-map.js';
import { parseGeneralizedTime } from './changes/generalized-time.js';

type Json = Record<string, unknown>;

const CORE_SCHEMA = { User: USER_SCHEMA, Group: GROUP_SCHEMA } as const;

/** What to-canonical needs besides the entry: its identity, and for users whether it is active. */
export interface CanonicalContext {
  readonly remoteId: string;
  /** Undefined when the disable method cannot tell (the attribute is unreadable). */
  readonly active?: boolean;
  readonly timestampAttribute: string;
}

function holderFor(resource: Json, mapping: AttributeMapping): Json {
  const { schema } = mapping.target;
  if (!schema) return resource;
  const key = Object.keys(resource).find((name) => name.toLowerCase() === schema.toLowerCase());
  if (key) return resource[key] as Json;
  const created: Json = {};
  resource[schema] = created;
  return created;
}

function place(resource: Json, mapping: AttributeMapping, values: readonly string[]): void {
  const { target } = mapping;
  const holder = holderFor(resource, mapping);
  if (!target.multiValued) {
    if (target.subAttribute === undefined) {
      if (holder[target.attribute] === undefined) holder[target.attribute] = values[0];
      return;
    }
    const complex = (holder[target.attribute] ??= {}) as Json;
    if (complex[target.subAttribute] === undefined) complex[target.subAttribute] = values[0];
    return;
  }
  const list = (holder[target.attribute] ??= []) as Json[];
  const sub = target.subAttribute ?? 'value';
  if (sub === 'value') {
    // Each LDAP value is its own element: two mail values are two emails.
    for (const value of values) {
      if (list.some((element) => element['value'] === value && element['type'] === target.valueType))
        continue;
      list.push({ value, ...(target.valueType !== undefined ? { type: target.valueType } : {}) });
    }
    return;
  }
  // Sub-attributes of one typed element (addresses[type eq "work"].locality) share that element.
  let element = list.find((candidate) => candidate['type'] === target.valueType);
  if (!element) {
    element = target.valueType !== undefined ? { type: target.valueType } : {};
    list.push(element);
  }
  if (element[sub] === undefined) element[sub] = values[0];
}

/** The first element of each multi-valued attribute is the primary one, as LDAP has no such notion. */
function markPrimary(holder: Json): void {
  for (const value of Object.values(holder)) {
    if (!Array.isArray(value) || !value.every((element) => element !== null && typeof element === 'object'))
      continue;
    const elements = value as Json[];
    if (elements.length > 0 && !elements.some((element) => element['primary'] === true))
      elements[0]!['primary'] = true;
  }
}

/**
 * An LDAP entry as a canonical SCIM resource, through the layout's attribute map: each mapped
 * attribute that has values lands at its SCIM path; `active` comes from the disable method;
 * `id` is the stable remote id (entryUUID / objectGUID), never the DN. Group members are not
 * part of the resource: `readMembers` pages them, so a group of 100,000 members never has to
 * fit in one object. Passwords are never read.
 */
export function toCanonical(entry: LdapEntry, layout: ObjectLayout, context: CanonicalContext): RemoteObject {
  const resource: Json = { schemas: [CORE_SCHEMA[layout.type]], id: context.remoteId };
  for (const mapping of layout.attributes) {
    const values = entry.texts(mapping.ldapAttribute).filter((value) => value !== '');
    if (values.length > 0) place(resource, mapping, values);
  }
  markPrimary(resource);
  for (const key of Object.keys(resource)) {
    if (key.startsWith('urn:')) (resource['schemas'] as string[]).push(key);
  }
  if (layout.type === 'User' && context.active !== undefined) resource['active'] = context.active;
  const changed = parseGeneralizedTime(entry.text(context.timestampAttribute) ?? '');
  resource['meta'] = {
    resourceType: layout.type,
    ...(changed !== undefined ? { lastModified: new Date(changed * 1000).toISOString() } : {}),
  };
  return { remoteId: context.remoteId, type: layout.type, resource: resource as ScimResource };
}

/** The value a resource holds for userName or displayName, for messages. */
export function nameOf(resource: ScimResource): string {
  const name =
    getCaseInsensitive<unknown>(resource, 'userName') ?? getCaseInsensitive<unknown>(resource, 'displayName');
  return typeof name === 'string' ? name : '(unnamed)';
}
