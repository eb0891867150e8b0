import type { ScimResource, ScimValue } from '@idsync/scim';

/** Complex multi-valued attributes of the core User whose values carry `type` and `primary` (RFC 7643 §4.1.2). */
const TYPED_MULTI_VALUED = new Set([
  'emails',
  'phonenumbers',
  'ims',
  'photos',
  'addresses',
  'entitlements',
  'roles',
  'x509certificates',
]);

/**
 * Contact-like attributes, where a type names one slot (the work email, the mobile number).
 * Roles and entitlements may hold several values of one type, so they are only de-duplicated.
 */
const ONE_PER_TYPE = new Set(['emails', 'phonenumbers', 'ims', 'photos', 'addresses']);

type Entry = { [key: string]: ScimValue };

const isEntry = (value: unknown): value is Entry =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function field(entry: Entry, name: string): ScimValue | undefined {
  const key = Object.keys(entry).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : entry[key];
}

const isPrimary = (entry: Entry): boolean => {
  const primary = field(entry, 'primary');
  return primary === true || (typeof primary === 'string' && primary.toLowerCase() === 'true');
};

/** What identifies a value: emails compare without case (the domain part is case-insensitive, and so are most mailboxes in practice). */
function identity(attribute: string, entry: Entry): string | undefined {
  const value = field(entry, 'value');
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value.trim() : JSON.stringify(value);
  return attribute === 'emails' ? text.toLowerCase() : text;
}

function withPrimary(entry: Entry, primary: boolean): Entry {
  const key = Object.keys(entry).find((candidate) => candidate.toLowerCase() === 'primary') ?? 'primary';
  const { [key]: _old, ...rest } = entry;
  return primary ? { ...rest, primary: true } : isPrimary(entry) ? { ...rest, primary: false } : rest;
}

/**
 * One attribute's values as targets accept them: each value once (an email never twice, not
 * even under two types), one value per `type` for contact attributes (the primary one wins,
 * else the first), and exactly one `primary`. `attribute` is the lower-case name. Targets like AWS, Slack and Entra-fed apps refuse or mangle anything
 * else; the hub may legitimately hold it, so it is cleaned on the way out.
 */
export function normaliseValues(attribute: string, values: readonly ScimValue[]): ScimValue[] {
  const entries = values.filter(isEntry);
  if (entries.length !== values.length) return [...values]; // simple values: nothing to normalise
  // Primary values first, so they win both the duplicate and the per-type choice.
  const ordered = [...entries.filter(isPrimary), ...entries.filter((entry) => !isPrimary(entry))];
  const seenValues = new Set<string>();
  const seenTypes = new Set<string>();
  const kept = new Set<Entry>();
  for (const entry of ordered) {
    const id = identity(attribute, entry);
    if (id !== undefined && seenValues.has(id)) continue;
    const rawType = field(entry, 'type');
    const type =
      typeof rawType === 'string' && ONE_PER_TYPE.has(attribute) ? rawType.toLowerCase() : undefined;
    if (type !== undefined && seenTypes.has(type)) continue;
    if (id !== undefined) seenValues.add(id);
    if (type !== undefined) seenTypes.add(type);
    kept.add(entry);
  }
  const result = entries.filter((entry) => kept.has(entry)); // original order
  if (result.length === 0) return result;
  const primary = result.find(isPrimary) ?? result[0]!;
  return result.map((entry) => withPrimary(entry, entry === primary));
}

/** `normaliseValues` on every typed multi-valued attribute of a resource. */
export function normaliseMultiValued(resource: ScimResource): ScimResource {
  const out: ScimResource = { ...resource };
  for (const [key, value] of Object.entries(resource)) {
    const attribute = key.toLowerCase();
    if (TYPED_MULTI_VALUED.has(attribute) && Array.isArray(value))
      out[key] = normaliseValues(attribute, value as ScimValue[]);
  }
  return out;
}

/** Whether an attribute name is one `normaliseValues` applies to. */
export function isTypedMultiValued(attribute: string): boolean {
  return TYPED_MULTI_VALUED.has(attribute.toLowerCase());
}
