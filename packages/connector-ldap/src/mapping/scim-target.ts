import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
  parsePatchPath,
  type SchemaRegistry,
  type SchemaScope,
} from '@idsync/scim';

/**
 * Where one LDAP attribute lands in a canonical SCIM resource. Written in configuration as a
 * SCIM path: `userName`, `name.givenName`, `emails[type eq "work"].value`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`.
 */
export interface ScimTarget {
  /** The extension URN for extension attributes; undefined for core ones. */
  readonly schema?: string;
  readonly attribute: string;
  readonly subAttribute?: string;
  /** The `type` an element of a multi-valued attribute carries (`work` in `emails[type eq "work"]`). */
  readonly valueType?: string;
  /** Whether the SCIM attribute holds a list (emails, phoneNumbers) rather than one value. */
  readonly multiValued: boolean;
}

export class InvalidTargetError extends Error {
  override readonly name = 'InvalidTargetError';
}

const CORE_SCHEMAS = [USER_SCHEMA, GROUP_SCHEMA];

/** Reads a SCIM path of an attribute map entry, checking it against the resource type's schemas. */
export function parseScimTarget(path: string, registry: SchemaRegistry, scope: SchemaScope): ScimTarget {
  let parsed;
  try {
    parsed = parsePatchPath(path, [...CORE_SCHEMAS, ENTERPRISE_USER_SCHEMA, ...scope.extensions]);
  } catch (error) {
    throw new InvalidTargetError(`"${path}" is not a SCIM attribute path (${(error as Error).message})`);
  }
  let valueType: string | undefined;
  if (parsed.valueFilter) {
    const filter = parsed.valueFilter;
    const isTypeSelector =
      filter.kind === 'comparison' &&
      filter.operator === 'eq' &&
      filter.path.attribute.toLowerCase() === 'type' &&
      typeof filter.value === 'string';
    if (!isTypeSelector) {
      throw new InvalidTargetError(
        `"${path}" may only select elements by type, as in emails[type eq "work"].value`,
      );
    }
    valueType = filter.value as string;
  }
  const attribute = parsed.attribute;
  const subAttribute = parsed.subAttribute ?? attribute.subAttribute;
  const resolved = registry.resolve(
    { ...(attribute.schema ? { schema: attribute.schema } : {}), attribute: attribute.attribute },
    scope,
  );
  if (!resolved) {
    throw new InvalidTargetError(`"${path}" names an attribute that the ${scope.core} schemas do not define`);
  }
  const { definition } = resolved;
  if (
    subAttribute !== undefined &&
    !definition.subAttributes?.some((sub) => sub.name.toLowerCase() === subAttribute.toLowerCase())
  ) {
    throw new InvalidTargetError(`"${path}": ${definition.name} has no sub-attribute "${subAttribute}"`);
  }
  if (definition.type === 'complex' && subAttribute === undefined && !definition.multiValued) {
    throw new InvalidTargetError(
      `"${path}" is a complex attribute; name a sub-attribute, e.g. ${definition.name}.${definition.subAttributes?.[0]?.name ?? 'value'}`,
    );
  }
  if (valueType !== undefined && !definition.multiValued) {
    throw new InvalidTargetError(`"${path}": only multi-valued attributes have elements to select by type`);
  }
  const subName =
    subAttribute === undefined
      ? undefined
      : definition.subAttributes?.find((sub) => sub.name.toLowerCase() === subAttribute.toLowerCase())?.name;
  return {
    ...(resolved.inExtension ? { schema: resolved.schema } : {}),
    attribute: definition.name,
    ...(subName !== undefined
      ? { subAttribute: subName }
      : definition.multiValued
        ? { subAttribute: 'value' }
        : {}),
    ...(valueType !== undefined ? { valueType } : {}),
    multiValued: definition.multiValued,
  };
}

/** The target as a SCIM path again, for messages and filters. */
export function formatScimTarget(target: ScimTarget): string {
  const prefix = target.schema ? `${target.schema}:` : '';
  const selector = target.valueType !== undefined ? `[type eq ${JSON.stringify(target.valueType)}]` : '';
  const sub = target.subAttribute !== undefined ? `.${target.subAttribute}` : '';
  return `${prefix}${target.attribute}${selector}${sub}`;
}
