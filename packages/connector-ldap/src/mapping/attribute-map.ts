import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
  defineAttribute,
  defineComplex,
  splitAttributePath,
  type ExtensionRegistration,
} from '@idsync/scim';
import type { ObjectType } from '@idsync/core';
import { isAttributeName } from '../escape/ldap-filter.js';
import type { ScimTarget } from './scim-target.js';

/** One line of an attribute map: this LDAP attribute is that SCIM attribute. */
export interface AttributeMapping {
  readonly ldapAttribute: string;
  /** The SCIM path as configured, for messages. */
  readonly path: string;
  readonly target: ScimTarget;
}

/** The text form, before the SCIM side is checked against the schemas. */
export interface AttributeMapEntry {
  readonly ldapAttribute: string;
  /** Empty: the entry removes the preset's mapping of this LDAP attribute. */
  readonly path: string;
}

export class InvalidMapEntryError extends Error {
  override readonly name = 'InvalidMapEntryError';
}

/** Reads `ldapAttribute=scimPath`; `ldapAttribute=` with nothing after it removes a mapping. */
export function parseAttributeMapEntry(text: string): AttributeMapEntry {
  const equals = text.indexOf('=');
  if (equals <= 0) {
    throw new InvalidMapEntryError(
      `"${text}" is not of the form ldapAttribute=scimPath (e.g. mail=emails[type eq "work"].value)`,
    );
  }
  const ldapAttribute = text.slice(0, equals).trim();
  const path = text.slice(equals + 1).trim();
  if (!isAttributeName(ldapAttribute) || ldapAttribute.includes(';')) {
    throw new InvalidMapEntryError(`"${ldapAttribute}" in "${text}" is not an LDAP attribute name`);
  }
  return { ldapAttribute, path };
}

/**
 * The preset's entries with the configured ones on top: a configured entry replaces the
 * preset's entry for the same LDAP attribute (names compare without case), an empty path
 * removes it, and new attributes are added after the preset's.
 */
export function mergeAttributeMapEntries(
  preset: readonly AttributeMapEntry[],
  configured: readonly AttributeMapEntry[],
): AttributeMapEntry[] {
  const merged = new Map<string, AttributeMapEntry>();
  for (const entry of [...preset, ...configured]) merged.set(entry.ldapAttribute.toLowerCase(), entry);
  return [...merged.values()].filter((entry) => entry.path !== '');
}

const STANDARD_SCHEMAS = [USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA].map((urn) => urn.toLowerCase());

/**
 * Schemas for the URNs attribute maps use beyond the standard ones (custom attributes such as
 * `urn:example:posix:2.0:Group:gidNumber`): single-valued strings, complex when a sub-attribute
 * is named. Registering them lets the PATCH engine and the validator accept those attributes.
 * A URN used by both users and groups gets one schema holding the attributes of both.
 */
export function customExtensionSchemas(
  entriesByType: Readonly<Record<ObjectType, readonly AttributeMapEntry[]>>,
): ExtensionRegistration[] {
  const byUrn = new Map<
    string,
    { urn: string; types: Set<ObjectType>; attributes: Map<string, Set<string>> }
  >();
  for (const [type, entries] of Object.entries(entriesByType) as [
    ObjectType,
    readonly AttributeMapEntry[],
  ][]) {
    for (const { path } of entries) {
      if (!/^urn:/i.test(path)) continue;
      const parsed = splitAttributePath(path.replace(/\[.*$/, ''), [
        USER_SCHEMA,
        GROUP_SCHEMA,
        ENTERPRISE_USER_SCHEMA,
      ]);
      if (!parsed?.schema || STANDARD_SCHEMAS.includes(parsed.schema.toLowerCase())) continue;
      const key = parsed.schema.toLowerCase();
      const schema = byUrn.get(key) ?? {
        urn: parsed.schema,
        types: new Set<ObjectType>(),
        attributes: new Map(),
      };
      byUrn.set(key, schema);
      schema.types.add(type);
      const subs = schema.attributes.get(parsed.attribute) ?? new Set<string>();
      if (parsed.subAttribute) subs.add(parsed.subAttribute);
      schema.attributes.set(parsed.attribute, subs);
    }
  }
  return [...byUrn.values()].flatMap(({ urn, types, attributes }) => {
    const schema = {
      id: urn,
      name: urn.slice(urn.lastIndexOf(':') + 1) || urn,
      description: 'Attributes this LDAP connection maps beyond the standard SCIM schemas.',
      attributes: [...attributes].map(([name, subs]) =>
        subs.size === 0
          ? defineAttribute(name)
          : defineComplex(
              name,
              [...subs].map((sub) => defineAttribute(sub)),
            ),
      ),
    };
    return [...types].map((resourceType) => ({ resourceType, schema }));
  });
}
