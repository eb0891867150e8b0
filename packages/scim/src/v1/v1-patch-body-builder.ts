import { ScimError } from '../errors/scim-error.js';
import { findKeyCaseInsensitive } from '../resource/case-insensitive.js';
import type { ScimResource, ScimValue } from '../resource/scim-resource.js';
import type { AttributePath } from '../schema/attribute-path.js';
import { SCIM_V1_CORE_SCHEMA, USER_SCHEMA } from '../schema/urns.js';
import { attributeToV1, cloneValue, isPlainObject } from './attribute-value-mapping.js';
import { identityConditions, lookupAttribute, matchesConditions } from './multi-valued-entries.js';
import type { ScimV1Resource } from './resource-to-v1.js';
import { attributePathToV1 } from './v1-attribute-path.js';
import type { EqualityCondition } from './v1-expressible-patch-path.js';
import { addSchemaUrn, isSchemaUrnKey, schemaUrnToV1 } from './v1-schema-urns.js';

/** A 1.1 PATCH body: a partial resource, with `meta.attributes` listing what to clear first. */
export type ScimV1PatchBody = ScimV1Resource;

/** The multi-valued attributes of the 2.0 core User and Group (RFC 7643 §4), lower-cased. */
const MULTI_VALUED_CORE = new Set([
  'emails',
  'phonenumbers',
  'ims',
  'photos',
  'addresses',
  'groups',
  'entitlements',
  'roles',
  'x509certificates',
  'members',
]);

function isDelete(entry: unknown): boolean {
  return isPlainObject(entry) && entry.operation === 'delete';
}

function withoutOperation(entry: ScimValue): ScimValue {
  if (!isPlainObject(entry) || !('operation' in entry)) return cloneValue(entry);
  const { operation: _marker, ...rest } = entry as Record<string, ScimValue>;
  return cloneValue(rest);
}

/**
 * Accumulates 2.0 changes into one 1.1 PATCH body. 1.1 applies a body in a fixed order (clear
 * `meta.attributes`, then merge the body), while 2.0 applies operations in sequence; the builder
 * keeps the two equal: a later clear discards earlier writes to the attribute, a delete cancels
 * an earlier add of the same value and vice versa. An attribute can also be "rewritten": cleared
 * and sent in full, so that its body value is its complete new state.
 */
export class V1PatchBodyBuilder {
  /** The changes in 2.0 naming: core attributes at the top level, extensions under their URN. */
  private readonly body: Record<string, ScimValue> = {};
  private readonly clears = new Map<string, AttributePath>();
  private readonly rewritten = new Set<string>();

  constructor(private readonly current?: ScimResource) {}

  private key(path: AttributePath): string {
    return `${path.schema?.toLowerCase() ?? ''}|${path.attribute.toLowerCase()}`;
  }

  private container(path: AttributePath, create: boolean): Record<string, ScimValue> | undefined {
    if (path.schema === undefined) return this.body;
    const key = findKeyCaseInsensitive(this.body, path.schema);
    if (key !== undefined) return this.body[key] as Record<string, ScimValue>;
    if (!create) return undefined;
    const extension: Record<string, ScimValue> = {};
    this.body[path.schema] = extension;
    return extension;
  }

  private get(path: AttributePath): ScimValue | undefined {
    const container = this.container(path, false);
    const key = container && findKeyCaseInsensitive(container, path.attribute);
    return key === undefined ? undefined : container![key];
  }

  private put(path: AttributePath, value: ScimValue | undefined): void {
    const container = this.container(path, value !== undefined);
    if (!container) return;
    const key = findKeyCaseInsensitive(container, path.attribute) ?? path.attribute;
    if (value === undefined) delete container[key];
    else container[key] = value;
  }

  /** Whether the attribute holds an array, judged from the value, the body, the current resource and the core schema. */
  isMultiValued(path: AttributePath, value?: unknown): boolean {
    if (Array.isArray(value) || this.rewritten.has(this.key(path)) || Array.isArray(this.get(path)))
      return true;
    if (this.current && Array.isArray(lookupAttribute(this.current, path))) return true;
    return path.schema === undefined && MULTI_VALUED_CORE.has(path.attribute.toLowerCase());
  }

  /** `meta.attributes`: removes the attribute (or sub-attribute) before the body applies. */
  clear(path: AttributePath): void {
    const attributePath = { ...path, subAttribute: undefined };
    if (path.subAttribute !== undefined) {
      const existing = this.get(attributePath);
      const entries = Array.isArray(existing) ? existing : isPlainObject(existing) ? [existing] : [];
      for (const entry of entries) {
        const key = isPlainObject(entry) ? findKeyCaseInsensitive(entry, path.subAttribute) : undefined;
        if (key !== undefined) delete (entry as Record<string, ScimValue>)[key];
      }
      // a rewritten attribute is sent in full, so the body already says the sub-attribute is gone
      if (this.rewritten.has(this.key(path))) return;
    } else {
      this.put(path, undefined);
      if (this.isMultiValued(path)) this.rewritten.add(this.key(path));
    }
    this.clears.set(attributePathToV1(path).toLowerCase(), path);
  }

  /** Sets a single-valued attribute or sub-attribute; a complex value merges into what the body has. */
  set(path: AttributePath, value: ScimValue): void {
    if (value === null) return this.clear(path);
    const attributePath = { ...path, subAttribute: undefined };
    const existing = this.get(attributePath);
    if (Array.isArray(existing)) {
      throw ScimError.invalidPath(
        `"${path.attribute}" is multi-valued; name the values with a value filter instead.`,
      );
    }
    if (path.subAttribute !== undefined) {
      const complex = isPlainObject(existing) ? existing : {};
      complex[findKeyCaseInsensitive(complex, path.subAttribute) ?? path.subAttribute] = cloneValue(value);
      return this.put(attributePath, complex);
    }
    if (isPlainObject(value) && isPlainObject(existing)) {
      return this.put(path, { ...existing, ...(cloneValue(value) as Record<string, ScimValue>) });
    }
    this.put(path, cloneValue(value));
  }

  /** Adds values to a multi-valued attribute (1.1 merges a value that is already there). */
  addValues(path: AttributePath, values: readonly ScimValue[]): void {
    const entries = [...((this.get(path) as ScimValue[] | undefined) ?? [])];
    for (const value of values) {
      const conditions = identityConditions(value);
      const index = conditions.length ? entries.findIndex((e) => matchesConditions(e, conditions)) : -1;
      const existing = index >= 0 ? entries[index] : undefined;
      if (existing === undefined) {
        entries.push(withoutOperation(value));
      } else if (isDelete(existing)) {
        entries[index] = withoutOperation(value); // an add after a delete of the same value wins
      } else if (isPlainObject(existing) && isPlainObject(value)) {
        entries[index] = { ...existing, ...(withoutOperation(value) as Record<string, ScimValue>) };
      } // otherwise an equal simple value is already there
    }
    this.put(path, entries);
  }

  /** Replaces all values of a multi-valued attribute: cleared, then sent in full. */
  replaceValues(path: AttributePath, values: readonly ScimValue[]): void {
    this.clear(path);
    this.put(path, values.map(withoutOperation));
  }

  /** Removes the values that match each condition set (1.1 `"operation": "delete"`). */
  deleteValues(path: AttributePath, conditionSets: readonly (readonly EqualityCondition[])[]): void {
    const rewritten = this.rewritten.has(this.key(path));
    let entries = [...((this.get(path) as ScimValue[] | undefined) ?? [])];
    for (const conditions of conditionSets) {
      entries = entries.filter((entry) => isDelete(entry) || !matchesConditions(entry, conditions));
      if (rewritten) continue; // the body is the full new state: leaving the value out removes it
      const marker: Record<string, ScimValue> = { operation: 'delete' };
      for (const condition of conditions) marker[condition.attribute] = condition.value;
      if (!entries.some((entry) => isDelete(entry) && matchesConditions(entry, conditions)))
        entries.push(marker);
    }
    this.put(path, entries);
  }

  /**
   * The complete values of a multi-valued attribute after the changes so far: the current
   * resource's values with this body's adds merged in and its deletes taken out. Needed to
   * express a 2.0 filter 1.1 cannot, by rewriting the attribute in full.
   */
  materialise(path: AttributePath): ScimValue[] {
    const pending = (this.get(path) as ScimValue[] | undefined) ?? [];
    if (this.rewritten.has(this.key(path))) return pending.map(withoutOperation);
    const current = this.current ? lookupAttribute(this.current, path) : undefined;
    if (current !== undefined && current !== null && !Array.isArray(current)) {
      throw ScimError.invalidPath(
        `"${path.attribute}" is not multi-valued in the current resource, so a value filter cannot apply.`,
      );
    }
    const entries = ((current as ScimValue[] | undefined) ?? []).map(withoutOperation);
    for (const change of pending) {
      const conditions = identityConditions(change);
      if (isDelete(change)) {
        const remaining = entries.filter((entry) => !matchesConditions(entry, conditions));
        entries.splice(0, entries.length, ...remaining);
        continue;
      }
      const index = conditions.length ? entries.findIndex((e) => matchesConditions(e, conditions)) : -1;
      const existing = entries[index];
      if (index >= 0 && isPlainObject(existing) && isPlainObject(change))
        entries[index] = { ...existing, ...change };
      else if (index < 0) entries.push(withoutOperation(change));
    }
    return entries;
  }

  /** The 1.1 wire body: 1.1 URNs and attribute forms, `meta.attributes` when anything is cleared. */
  build(): ScimV1PatchBody {
    const out: ScimV1PatchBody = { schemas: [SCIM_V1_CORE_SCHEMA] };
    const emit = (target: Record<string, ScimValue>, attribute: string, value: ScimValue, schema: string) => {
      if (Array.isArray(value) && value.length === 0) return; // cleared and sent empty: the clear says it all
      target[attribute] = attributeToV1(attribute, value, schema);
    };
    for (const [key, value] of Object.entries(this.body)) {
      if (!isSchemaUrnKey(key) || !isPlainObject(value)) {
        emit(out, key, value, USER_SCHEMA);
        continue;
      }
      const extension: Record<string, ScimValue> = {};
      for (const [attribute, attributeValue] of Object.entries(value))
        emit(extension, attribute, attributeValue, key);
      if (Object.keys(extension).length === 0) continue;
      addSchemaUrn(out.schemas, schemaUrnToV1(key));
      out[schemaUrnToV1(key)] = extension;
    }
    if (this.clears.size > 0) {
      for (const path of this.clears.values())
        if (path.schema) addSchemaUrn(out.schemas, schemaUrnToV1(path.schema));
      out.meta = { attributes: [...this.clears.values()].map(attributePathToV1) };
    }
    return out;
  }
}
