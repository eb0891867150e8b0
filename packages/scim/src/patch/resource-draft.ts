import { findKeyCaseInsensitive } from '../resource/case-insensitive.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import type { SchemaScope } from '../schema/schema-registry.js';
import { isUnassigned } from './attribute-value-equality.js';
import { jsonEqual } from './json-equal.js';

export type AttributeContainer = Record<string, unknown>;

function isPlainObject(value: unknown): value is AttributeContainer {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The working copy a PATCH is applied to. Only two kinds of object are ever written to: the
 * top-level copy made here and the extension objects, each copied on first access. Everything
 * below them (complex values, arrays, elements) is replaced by new values built by the
 * operations, never modified in place. So the input resource is never touched, values from the
 * request are never aliased into something that is later mutated, and a failing operation
 * simply abandons the draft — which is what makes the request atomic (RFC 7644 §3.5.2).
 */
export class ResourceDraft {
  readonly root: AttributeContainer;
  private changedFlag = false;
  private readonly ownedExtensions = new Set<AttributeContainer>();
  /** Extension URNs (schema spelling) whose object was accessed for writing. */
  private readonly touchedExtensions = new Set<string>();

  constructor(
    original: object,
    private readonly scope: SchemaScope,
  ) {
    this.root = { ...(original as AttributeContainer) };
  }

  get changed(): boolean {
    return this.changedFlag;
  }

  /**
   * The object that holds a schema's attributes: the resource itself for the core schema, the
   * object under the URN key for an extension. A missing extension object is created only when
   * `create` is set (add/replace); removals get undefined and know there is nothing to remove.
   */
  container(extensionUrn: string | undefined, create: boolean): AttributeContainer | undefined {
    if (extensionUrn === undefined) return this.root;
    const key = findKeyCaseInsensitive(this.root, extensionUrn);
    const existing = key === undefined ? undefined : this.root[key];
    if (isPlainObject(existing)) {
      if (this.ownedExtensions.has(existing)) return existing;
      const copy = { ...existing };
      if (key !== extensionUrn) delete this.root[key!];
      this.root[extensionUrn] = copy;
      this.ownedExtensions.add(copy);
      this.touchedExtensions.add(extensionUrn);
      return copy;
    }
    if (!create) return undefined;
    if (key !== undefined) delete this.root[key];
    const created: AttributeContainer = {};
    this.root[extensionUrn] = created;
    this.ownedExtensions.add(created);
    this.touchedExtensions.add(extensionUrn);
    return created;
  }

  /** The current value of an attribute in a container, looked up without regard to case. */
  read(container: AttributeContainer, definition: AttributeDefinition): unknown {
    const key = findKeyCaseInsensitive(container, definition.name);
    return key === undefined ? undefined : container[key];
  }

  /**
   * Stores an attribute's new value under the schema's spelling of its name, or deletes the
   * attribute when the new value is unassigned (null, empty list, empty object). Notes whether
   * the representation changed.
   */
  write(container: AttributeContainer, definition: AttributeDefinition, next: unknown): void {
    const key = findKeyCaseInsensitive(container, definition.name);
    const current = key === undefined ? undefined : container[key];
    if (isUnassigned(next)) {
      if (key === undefined) return;
      delete container[key];
      if (!isUnassigned(current)) this.changedFlag = true;
      return;
    }
    if (key !== undefined && key !== definition.name) delete container[key];
    container[definition.name] = next;
    if (!jsonEqual(current, next)) this.changedFlag = true;
  }

  /** Deletes a member that no schema defines (used when a whole extension is removed). */
  deleteUnknown(container: AttributeContainer, key: string): void {
    if (!(key in container)) return;
    if (!isUnassigned(container[key])) this.changedFlag = true;
    delete container[key];
  }

  /**
   * Brings `schemas` in line with the extensions the operations touched: an extension that now
   * holds a value is listed, one left empty is dropped together with its URN (RFC 7643 §3:
   * `schemas` names the extensions a resource carries).
   */
  finish(): AttributeContainer {
    for (const urn of this.touchedExtensions) {
      const container = this.root[urn];
      const empty = !isPlainObject(container) || isUnassigned(container);
      if (empty) delete this.root[urn];
      const schemas = Array.isArray(this.root.schemas) ? (this.root.schemas as unknown[]) : [this.scope.core];
      const listed = schemas.some((s) => typeof s === 'string' && s.toLowerCase() === urn.toLowerCase());
      if (empty && listed) {
        this.root.schemas = schemas.filter(
          (s) => !(typeof s === 'string' && s.toLowerCase() === urn.toLowerCase()),
        );
        this.changedFlag = true;
      } else if (!empty && !listed) {
        this.root.schemas = [...schemas, urn];
        this.changedFlag = true;
      }
    }
    return this.root;
  }
}
