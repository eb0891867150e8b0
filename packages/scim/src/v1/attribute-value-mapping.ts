import { ScimError } from '../errors/scim-error.js';
import type { ScimValue } from '../resource/scim-resource.js';
import type { SchemaRegistry, SchemaScope } from '../schema/schema-registry.js';
import { isV2CoreSchema, isV2EnterpriseSchema, type V1ResourceType } from './v1-schema-urns.js';

/** Options shared by every 1.1 → 2.0 conversion. */
export interface V1ConversionOptions {
  /**
   * The service's schemas. Without it, only the booleans of the 1.1 core (`active`, `primary`)
   * are coerced from string form; with it, every attribute the registry types as boolean is.
   */
  readonly registry?: SchemaRegistry;
}

/** Where an attribute value sits while it is converted. `schema` is always the 2.0 URN. */
export interface AttributeContext {
  readonly schema: string;
  readonly resourceType: V1ResourceType;
  readonly options: V1ConversionOptions;
  /** Keep the 1.1 `operation` marker of multi-valued entries (PATCH bodies only). */
  readonly keepOperation: boolean;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === null ? 'null' : `${typeof value} ${JSON.stringify(value)?.slice(0, 60)}`;
}

/** Copies a JSON value so converted resources never share structure with their input. */
export function cloneValue(value: unknown): ScimValue {
  return structuredClone(value) as ScimValue;
}

/**
 * Many 1.1 services and clients (the 1.1 XML binding had no other form) send booleans as the
 * strings "true" / "false". They are read case-insensitively; anything else is an error that
 * names the attribute, because guessing would silently (de)activate accounts.
 */
export function booleanFromV1(value: unknown, path: string): boolean | null {
  if (typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  throw ScimError.invalidValue(
    `Attribute "${path}" expects a boolean (true or false, or the strings "true" / "false" in SCIM 1.1), but got ${describe(value)}.`,
  );
}

function registryScope(context: AttributeContext): SchemaScope | undefined {
  try {
    return context.options.registry?.scopeOf(context.resourceType);
  } catch {
    return undefined; // the resource type is not registered: fall back to the known booleans
  }
}

function isBooleanAttribute(context: AttributeContext, attribute: string, subAttribute?: string): boolean {
  const inCore = isV2CoreSchema(context.schema);
  if (subAttribute === undefined) {
    if (inCore && context.resourceType === 'User' && attribute.toLowerCase() === 'active') return true;
  } else if ((inCore || isV2EnterpriseSchema(context.schema)) && subAttribute.toLowerCase() === 'primary') {
    return true;
  }
  const registry = context.options.registry;
  const scope = registryScope(context);
  if (!registry || !scope) return false;
  const path = {
    ...(inCore ? {} : { schema: context.schema }),
    attribute,
    ...(subAttribute ? { subAttribute } : {}),
  };
  const resolved = registry.resolve(path, scope);
  return (resolved?.subDefinition ?? resolved?.definition)?.type === 'boolean';
}

function displayPath(context: AttributeContext, attribute: string, subAttribute?: string): string {
  const name = subAttribute === undefined ? attribute : `${attribute}.${subAttribute}`;
  return isV2CoreSchema(context.schema) ? name : `${context.schema}:${name}`;
}

/** The enterprise `manager` is `{managerId, displayName}` in 1.1 and `{value, $ref, displayName}` in 2.0. */
function isEnterpriseManager(schema: string, attribute: string): boolean {
  return isV2EnterpriseSchema(schema) && attribute.toLowerCase() === 'manager';
}

function complexFromV1(
  attribute: string,
  value: Record<string, unknown>,
  context: AttributeContext,
  inArray: boolean,
): Record<string, ScimValue> {
  const out: Record<string, ScimValue> = {};
  const manager = !inArray && isEnterpriseManager(context.schema, attribute);
  for (const [key, subValue] of Object.entries(value)) {
    if (inArray && key.toLowerCase() === 'operation') {
      if (context.keepOperation) out.operation = cloneValue(subValue);
      continue;
    }
    const outKey = manager && key.toLowerCase() === 'managerid' ? 'value' : key;
    out[outKey] = isBooleanAttribute(context, attribute, key)
      ? booleanFromV1(subValue, displayPath(context, attribute, key))
      : cloneValue(subValue);
  }
  return out;
}

/**
 * Converts one attribute value from its 1.1 to its 2.0 form: string booleans become booleans,
 * the enterprise manager's `managerId` becomes `value`, and the PATCH-only `operation` marker
 * is dropped unless the context keeps it. Everything else is copied as it is.
 */
export function attributeFromV1(attribute: string, value: unknown, context: AttributeContext): ScimValue {
  if (Array.isArray(value)) {
    return value.map((entry) =>
      isPlainObject(entry) ? complexFromV1(attribute, entry, context, true) : cloneValue(entry),
    );
  }
  if (isPlainObject(value)) return complexFromV1(attribute, value, context, false);
  if (isBooleanAttribute(context, attribute)) return booleanFromV1(value, displayPath(context, attribute));
  return cloneValue(value);
}

function complexToV1(attribute: string, value: Record<string, unknown>, schema: string, inArray: boolean) {
  const out: Record<string, ScimValue> = {};
  const manager = !inArray && isEnterpriseManager(schema, attribute);
  for (const [key, subValue] of Object.entries(value)) {
    if (key === '$ref') continue; // 1.1 has no $ref sub-attribute; strict 1.1 services reject it
    const outKey = manager && key.toLowerCase() === 'value' ? 'managerId' : key;
    out[outKey] = cloneValue(subValue);
  }
  return out;
}

/**
 * Converts one attribute value from its 2.0 to its 1.1 form: `$ref` sub-attributes are dropped
 * and the enterprise manager's `value` becomes `managerId`. Attributes of schemas 1.1 does not
 * define (custom extensions) are copied unchanged.
 */
export function attributeToV1(attribute: string, value: unknown, schema: string): ScimValue {
  if (!isV2CoreSchema(schema) && !isV2EnterpriseSchema(schema)) return cloneValue(value);
  if (Array.isArray(value)) {
    return value.map((entry) =>
      isPlainObject(entry) ? complexToV1(attribute, entry, schema, true) : cloneValue(entry),
    );
  }
  if (isPlainObject(value)) return complexToV1(attribute, value, schema, false);
  return cloneValue(value);
}
