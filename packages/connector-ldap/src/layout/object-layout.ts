import type { ObjectType } from '@idsync/core';
import type { SchemaRegistry, SchemaScope } from '@idsync/scim';
import { FilterParser } from 'ldapts';
import { canonicalDn, isWithin } from '../escape/distinguished-name.js';
import { isAttributeName, parenthesise } from '../escape/ldap-filter.js';
import type { AttributeMapEntry, AttributeMapping } from '../mapping/attribute-map.js';
import { parseScimTarget, type ScimTarget } from '../mapping/scim-target.js';
import type { ObjectTypePreset } from './directory-preset.js';
import { parseNamingTemplate, type NamingTemplate } from './naming-template.js';

/** Where and how one object type lives in the directory. */
export interface ObjectLayout {
  readonly type: ObjectType;
  /** Where entries of this type are created (and the first search base). */
  readonly baseDn: string;
  /** Every subtree searched for this type (users in move-to-ou mode also live in the disabled container). */
  readonly searchBases: readonly string[];
  readonly filter: string;
  readonly objectClasses: readonly string[];
  readonly template: NamingTemplate;
  readonly attributes: readonly AttributeMapping[];
  /** Required LDAP attributes (lower-case) and the SCIM targets to fill them from when unmapped values are empty. */
  readonly fallbacks: ReadonlyMap<string, readonly ScimTarget[]>;
  readonly scope: SchemaScope;
}

/** Collects problems under config keys; see `config.ts`. */
export type ReportIssue = (key: string, problem: string, fix: string) => void;

export interface ObjectLayoutInput {
  readonly type: ObjectType;
  readonly prefix: 'user' | 'group';
  readonly preset: ObjectTypePreset;
  readonly baseDn: string;
  readonly filter: string | undefined;
  readonly objectClasses: readonly string[] | undefined;
  readonly template: string | undefined;
  readonly entries: readonly AttributeMapEntry[];
  readonly registry: SchemaRegistry;
  readonly extraSearchBases: readonly string[];
}

function checkedFilter(input: ObjectLayoutInput, report: ReportIssue): string {
  const filter = parenthesise(input.filter ?? input.preset.filter);
  try {
    FilterParser.parseString(filter);
  } catch (error) {
    report(
      `${input.prefix}Filter`,
      `is not an LDAP filter (${(error as Error).message}).`,
      'Write it as in RFC 4515, e.g. (objectClass=inetOrgPerson).',
    );
  }
  return filter;
}

function checkedAttributes(
  input: ObjectLayoutInput,
  scope: SchemaScope,
  report: ReportIssue,
): AttributeMapping[] {
  const mappings: AttributeMapping[] = [];
  for (const entry of input.entries) {
    try {
      mappings.push({
        ldapAttribute: entry.ldapAttribute,
        path: entry.path,
        target: parseScimTarget(entry.path, input.registry, scope),
      });
    } catch (error) {
      report(
        `${input.prefix}AttributeMap`,
        `the line ${entry.ldapAttribute}=${entry.path} is not usable: ${(error as Error).message}.`,
        'Map to a SCIM path such as name.givenName or emails[type eq "work"].value.',
      );
    }
  }
  return mappings;
}

/** Builds and checks one object type's layout; problems go to `report`, naming the config key. */
export function buildObjectLayout(input: ObjectLayoutInput, report: ReportIssue): ObjectLayout | undefined {
  const scope = input.registry.scopeOf(input.type);
  const filter = checkedFilter(input, report);
  const objectClasses = input.objectClasses ?? input.preset.objectClasses;
  const badClass = objectClasses.find((name) => !isAttributeName(name));
  if (badClass !== undefined || objectClasses.length === 0) {
    report(
      `${input.prefix}ObjectClasses`,
      `must list object class names${badClass ? `; "${badClass}" is not one` : ''}.`,
      'List names such as inetOrgPerson.',
    );
  }
  const attributes = checkedAttributes(input, scope, report);
  const required = input.type === 'User' ? 'userName' : 'displayName';
  if (
    !attributes.some(
      (mapping) =>
        !mapping.target.schema && mapping.target.attribute === required && !mapping.target.subAttribute,
    )
  ) {
    report(
      `${input.prefix}AttributeMap`,
      `maps no LDAP attribute to ${required}.`,
      `Add a line such as ${input.type === 'User' ? 'uid=userName' : 'cn=displayName'}: idsync finds and correlates ${input.type.toLowerCase()}s by it.`,
    );
  }
  const templateText = input.template ?? `${input.preset.rdnTemplate},${input.baseDn}`;
  let template: NamingTemplate | undefined;
  try {
    template = parseNamingTemplate(templateText, input.registry, scope);
    if (!isWithin(template.fixedSuffix, input.baseDn) && !isWithin(input.baseDn, template.fixedSuffix)) {
      report(
        `${input.prefix}NamingTemplate`,
        `places new entries under ${template.fixedSuffix}, outside ${input.prefix}BaseDn ${input.baseDn}, where idsync would never find them again.`,
        `Use a container within ${input.baseDn}.`,
      );
    }
  } catch (error) {
    report(
      `${input.prefix}NamingTemplate`,
      `"${templateText}" is not a naming template: ${(error as Error).message}.`,
      'Write a DN with {scimPath} placeholders, e.g. uid={userName},ou=people,dc=example,dc=org.',
    );
  }
  const fallbacks = new Map<string, ScimTarget[]>();
  for (const [ldapAttribute, paths] of Object.entries(input.preset.fallbacks)) {
    fallbacks.set(
      ldapAttribute.toLowerCase(),
      paths.map((path) => parseScimTarget(path, input.registry, scope)),
    );
  }
  if (!template) return undefined;
  const searchBases = [
    input.baseDn,
    ...input.extraSearchBases.filter((base) => !isWithin(base, input.baseDn)).map(canonicalDn),
  ];
  return {
    type: input.type,
    baseDn: input.baseDn,
    searchBases,
    filter,
    objectClasses,
    template,
    attributes,
    fallbacks,
    scope,
  };
}
