import { ScimError } from '../errors/scim-error.js';
import type { PatchOperation } from '../patch/patch-operation.js';
import { findKeyCaseInsensitive, getCaseInsensitive } from '../resource/case-insensitive.js';
import type { ScimResource, ScimValue } from '../resource/scim-resource.js';
import type { AttributePath } from '../schema/attribute-path.js';
import { GROUP_SCHEMA } from '../schema/urns.js';
import { attributeFromV1, isPlainObject, type V1ConversionOptions } from './attribute-value-mapping.js';
import { identityConditions, lookupAttribute, matchesConditions, sameJson } from './multi-valued-entries.js';
import { attributePathFromV1 } from './v1-attribute-path.js';
import { formatAttributePathText, formatFilteredPath } from './v1-expressible-patch-path.js';
import {
  isSchemaUrnKey,
  isV2CoreSchema,
  schemaUrnFromV1,
  v2CoreSchemaOf,
  type V1ResourceType,
} from './v1-schema-urns.js';

export interface PatchFromV1Options extends V1ConversionOptions {
  /** Which endpoint the PATCH arrived at; default: read from the current resource, else User. */
  readonly resourceType?: V1ResourceType;
}

/** Top-level members of a 1.1 PATCH body that are not attributes to change. */
const NOT_CHANGES = new Set(['schemas', 'meta', 'id']);

function resourceTypeOf(current: ScimResource | undefined, options: PatchFromV1Options): V1ResourceType {
  if (options.resourceType) return options.resourceType;
  const isGroup = current?.schemas?.some((urn) => urn.toLowerCase() === GROUP_SCHEMA.toLowerCase());
  return isGroup ? 'Group' : 'User';
}

/**
 * Translates one 1.1 PATCH body. With the current resource it can do what 1.1 promises and a
 * plain 2.0 `add` does not: merge an added value into an existing one with the same `value`,
 * and skip removals of what is not there (2.0 would answer `noTarget` where 1.1 succeeds).
 */
class V1PatchReader {
  readonly operations: PatchOperation[] = [];
  /** Attributes cleared through `meta.attributes`: their current values no longer count. */
  private readonly cleared = new Set<string>();

  constructor(
    private readonly resourceType: V1ResourceType,
    private readonly options: PatchFromV1Options,
    private readonly current: ScimResource | undefined,
  ) {}

  private currentValue(path: AttributePath): unknown {
    if (
      !this.current ||
      this.cleared.has(formatAttributePathText({ ...path, subAttribute: undefined }).toLowerCase())
    ) {
      return undefined;
    }
    const value = lookupAttribute(this.current, path);
    if (path.subAttribute === undefined || !isPlainObject(value)) return value;
    return getCaseInsensitive(value, path.subAttribute);
  }

  /** False only when the current resource is known and has nothing at `path`. */
  private mayHaveValue(path: AttributePath): boolean {
    if (!this.current) return true;
    const value = this.currentValue(path);
    return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
  }

  readClears(meta: unknown): void {
    if (!isPlainObject(meta)) return;
    const names = getCaseInsensitive(meta, 'attributes');
    if (names === undefined) return;
    if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) {
      throw ScimError.invalidSyntax(
        '"meta.attributes" must be an array of attribute names such as ["name.givenName", "emails"].',
      );
    }
    for (const name of names as string[]) {
      const path = attributePathFromV1(name, this.resourceType);
      const text = formatAttributePathText(path);
      if (this.mayHaveValue(path)) this.operations.push({ op: 'remove', path: text });
      if (path.subAttribute === undefined) this.cleared.add(text.toLowerCase());
    }
  }

  readAttribute(schema: string | undefined, attribute: string, value: unknown): void {
    if (value === undefined) return;
    const path: AttributePath = { ...(schema !== undefined ? { schema } : {}), attribute };
    if (value === null) {
      if (this.mayHaveValue(path))
        this.operations.push({ op: 'remove', path: formatAttributePathText(path) });
      return;
    }
    const converted = attributeFromV1(attribute, value, {
      schema: schema ?? v2CoreSchemaOf(this.resourceType),
      resourceType: this.resourceType,
      options: this.options,
      keepOperation: true,
    });
    if (Array.isArray(converted)) return this.readMultiValued(path, converted);
    if (!isPlainObject(converted)) {
      this.operations.push({ op: 'replace', path: formatAttributePathText(path), value: converted });
      return;
    }
    // 1.1 merges the sub-attributes of a complex attribute; one replace per sub-attribute says
    // exactly that, whatever a 2.0 engine makes of a replace with a partial object.
    for (const [subAttribute, subValue] of Object.entries(converted)) {
      const subPath = { ...path, subAttribute };
      if (subValue !== null) {
        this.operations.push({ op: 'replace', path: formatAttributePathText(subPath), value: subValue });
      } else if (this.mayHaveValue(subPath)) {
        this.operations.push({ op: 'remove', path: formatAttributePathText(subPath) });
      }
    }
  }

  private readMultiValued(path: AttributePath, entries: ScimValue[]): void {
    const text = formatAttributePathText(path);
    const current = this.currentValue(path);
    const currentEntries = Array.isArray(current) ? current : [];
    const additions: ScimValue[] = [];
    for (const entry of entries) {
      const operationKey = isPlainObject(entry) ? findKeyCaseInsensitive(entry, 'operation') : undefined;
      if (operationKey === undefined) {
        additions.push(entry);
        continue;
      }
      const entryObject = entry as Record<string, ScimValue>;
      const operation = String(entryObject[operationKey]).toLowerCase();
      if (operation !== 'delete') {
        throw ScimError.invalidValue(
          `A value of "${text}" has "operation": "${operation}"; SCIM 1.1 defines only "delete".`,
        );
      }
      const conditions = identityConditions(entryObject);
      if (conditions.length === 0) {
        throw ScimError.invalidValue(
          `A value of "${text}" marked "operation": "delete" names no "value" (or sub-attributes) to match.`,
        );
      }
      if (this.current && !currentEntries.some((candidate) => matchesConditions(candidate, conditions)))
        continue;
      this.operations.push({ op: 'remove', path: formatFilteredPath(path, conditions) });
    }
    this.readAdditions(path, text, additions, currentEntries);
  }

  /** 1.1 adds a value that is not there yet and merges one that is (matched by `value`). */
  private readAdditions(
    path: AttributePath,
    text: string,
    additions: ScimValue[],
    currentEntries: unknown[],
  ): void {
    const added: ScimValue[] = [];
    for (const addition of additions) {
      const conditions = this.current ? identityConditions(addition) : [];
      const match =
        conditions.length > 0 ? currentEntries.find((c) => matchesConditions(c, conditions)) : undefined;
      if (match === undefined) {
        added.push(addition);
      } else if (isPlainObject(match) && isPlainObject(addition)) {
        const merged = { ...(match as Record<string, ScimValue>), ...addition };
        if (!sameJson(merged, match)) {
          this.operations.push({ op: 'replace', path: formatFilteredPath(path, conditions), value: merged });
        }
      } // a simple value that is already there: nothing to do
    }
    if (added.length > 0) this.operations.push({ op: 'add', path: text, value: added });
  }
}

/**
 * Translates a SCIM 1.1 PATCH body (a partial resource) into 2.0 PATCH operations, in the order
 * 1.1 applies them: first the removals of `meta.attributes`, then each attribute of the body —
 * single-valued ones (and sub-attributes of complex ones) replaced, multi-valued values added,
 * values marked `"operation": "delete"` removed by a `value` (and `type`) filter.
 *
 * `currentResource` (2.0 form) is optional; with it, values already present are merged instead
 * of added twice, and removals of absent values are left out.
 */
export function patchRequestFromV1(
  body: unknown,
  currentResource?: ScimResource,
  options: PatchFromV1Options = {},
): PatchOperation[] {
  if (!isPlainObject(body)) {
    throw ScimError.invalidSyntax(
      'A SCIM 1.1 PATCH body must be a JSON object holding the attributes to change.',
    );
  }
  const resourceType = resourceTypeOf(currentResource, options);
  const reader = new V1PatchReader(resourceType, options, currentResource);
  reader.readClears(getCaseInsensitive(body, 'meta'));
  for (const [key, value] of Object.entries(body)) {
    if (NOT_CHANGES.has(key.toLowerCase())) continue;
    if (!isSchemaUrnKey(key)) {
      reader.readAttribute(undefined, key, value);
      continue;
    }
    if (!isPlainObject(value)) {
      throw ScimError.invalidSyntax(
        `Extension "${key}" of a SCIM 1.1 PATCH must be an object of that schema's attributes.`,
      );
    }
    const urn = schemaUrnFromV1(key, resourceType);
    const schema = isV2CoreSchema(urn) ? undefined : urn;
    for (const [attribute, attributeValue] of Object.entries(value))
      reader.readAttribute(schema, attribute, attributeValue);
  }
  return reader.operations;
}
