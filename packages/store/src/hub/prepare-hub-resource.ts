import type { ObjectType } from '@idsync/core';
import { findKeyCaseInsensitive, getCaseInsensitive, ScimError, type ScimResource } from '@idsync/scim';
import { normaliseHubId } from './hub-id.js';

/** A resource ready to store, with the values the indexed columns and side tables take. */
export interface PreparedResource {
  /** The stored JSON: `id` set, no `meta` (rebuilt from columns), no users' `groups` (derived). */
  readonly resource: Record<string, unknown>;
  /** userName lower-cased (users). */
  readonly userName: string | null;
  /** displayName lower-cased. */
  readonly displayName: string | null;
  /** displayName as written. */
  readonly display: string | null;
  readonly externalId: string | null;
  /** Every email value, lower-cased, without repeats. */
  readonly emails: readonly string[];
  /** Group members' hub ids, canonical and without repeats, in the order given. */
  readonly memberIds: readonly string[];
}

/**
 * Top-level attributes the store reads, spelled as the schema spells them. Stored resources
 * use these spellings (SCIM names are case-insensitive), so SQL can reach them by key and no
 * second spelling of the same attribute can hide in the JSON.
 */
const CANONICAL_NAMES = new Map(
  ['schemas', 'userName', 'displayName', 'externalId', 'emails', 'members'].map((name) => [
    name.toLowerCase(),
    name,
  ]),
);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(resource: Record<string, unknown>, name: string, type: ObjectType): string | null {
  const value = resource[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw ScimError.invalidValue(
      `${type} attribute "${name}" must be a string, not ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

function requiredString(resource: Record<string, unknown>, name: string, type: ObjectType): string {
  const value = optionalString(resource, name, type);
  if (value === null || value.trim() === '') {
    throw ScimError.invalidValue(`A ${type} needs a non-empty "${name}"; add one and try again.`);
  }
  return value;
}

/** Renames known attributes to their canonical spelling; drops what the store derives. */
function canonicalise(type: ObjectType, id: string, input: ScimResource): Record<string, unknown> {
  const resource: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const lower = key.toLowerCase();
    if (lower === 'id' || lower === 'meta' || (lower === 'groups' && type === 'User')) continue;
    const name = CANONICAL_NAMES.get(lower) ?? key;
    if (name !== key && findKeyCaseInsensitive(resource, name) !== undefined) continue;
    resource[name] = value;
  }
  return { schemas: resource.schemas, id, ...resource };
}

/**
 * The email values the search index holds: what the SCIM evaluator reads for `emails.value`
 * — each element (or the single value) that is an object, its `value` sub-attribute found
 * without regard to case, string values only — lower-cased, as emails compare without case.
 */
function emailValues(emails: unknown): string[] {
  const values = new Set<string>();
  for (const element of Array.isArray(emails) ? emails : [emails]) {
    if (!isPlainObject(element)) continue;
    const value = getCaseInsensitive<unknown>(element, 'value');
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string') values.add(item.toLowerCase());
    }
  }
  return [...values];
}

/** Checks and canonicalises `members`: each a hub id, once. Rewrites the list in place. */
function prepareMembers(resource: Record<string, unknown>): string[] {
  const members = resource.members;
  if (members === undefined || members === null) {
    delete resource.members;
    return [];
  }
  if (!Array.isArray(members)) {
    throw ScimError.invalidValue('Group "members" must be a list of { "value": "<hub id>" } objects.');
  }
  const ids: string[] = [];
  const kept: Record<string, unknown>[] = [];
  members.forEach((member, index) => {
    const rawValue = isPlainObject(member) ? getCaseInsensitive<unknown>(member, 'value') : undefined;
    const id = normaliseHubId(rawValue);
    if (!isPlainObject(member) || id === undefined) {
      throw ScimError.invalidValue(
        `members[${index}].value ${JSON.stringify(rawValue ?? member)} is not the id of a hub object; ` +
          'members must name users or groups by their hub id.',
      );
    }
    if (ids.includes(id)) return;
    ids.push(id);
    const element: Record<string, unknown> = { value: id };
    for (const [key, value] of Object.entries(member))
      if (key.toLowerCase() !== 'value') element[key] = value;
    kept.push(element);
  });
  resource.members = kept;
  return ids;
}

/**
 * Validates what the store relies on (a User has a userName, a Group a displayName, ids in
 * members) and extracts the indexed values. Other attributes are the SCIM layer's to
 * validate against the schema; the store keeps them as they are.
 */
export function prepareHubResource(type: ObjectType, id: string, input: ScimResource): PreparedResource {
  if (!isPlainObject(input)) throw ScimError.invalidSyntax(`A ${type} must be a JSON object.`);
  const resource = canonicalise(type, id, input);
  if (resource.schemas === undefined) delete resource.schemas;
  const userName = type === 'User' ? requiredString(resource, 'userName', type) : null;
  const display =
    type === 'Group'
      ? requiredString(resource, 'displayName', type)
      : optionalString(resource, 'displayName', type);
  const externalId = optionalString(resource, 'externalId', type);
  const memberIds = type === 'Group' ? prepareMembers(resource) : [];
  return {
    resource,
    userName: userName === null ? null : userName.toLowerCase(),
    displayName: display === null ? null : display.toLowerCase(),
    display,
    externalId,
    emails: type === 'User' ? emailValues(resource.emails) : [],
    memberIds,
  };
}
