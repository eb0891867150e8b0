import { ConnectorError, type ObjectType } from '@idsync/core';
import {
  formatFilter,
  isScimError,
  schemaUrnToV1,
  USER_SCHEMA,
  GROUP_SCHEMA,
  type AttributePath,
  type ComparisonOperator,
  type FilterNode,
} from '@idsync/scim';
import type { ScimVersion } from '../config.js';
import type { FilterDialect } from '../presets/scim-preset.js';

/** SCIM 1.1 has neither `ne`, `ew`, `not` nor value filters (SCIM 1.1 Protocol §3.2.2.1). */
const V1_OPERATORS: ReadonlySet<ComparisonOperator> = new Set(['eq', 'co', 'sw', 'gt', 'ge', 'lt', 'le']);

function pathName(path: AttributePath): string {
  return (
    path.subAttribute === undefined ? path.attribute : `${path.attribute}.${path.subAttribute}`
  ).toLowerCase();
}

const isCoreSchema = (schema: string): boolean =>
  [USER_SCHEMA, GROUP_SCHEMA].some((core) => core.toLowerCase() === schema.toLowerCase());

/** 1.1 spells extension URNs its own way and core attributes unqualified. */
function pathToV1(path: AttributePath): AttributePath {
  if (path.schema === undefined) return path;
  if (isCoreSchema(path.schema)) {
    const { schema: _core, ...rest } = path;
    return rest;
  }
  return { ...path, schema: schemaUrnToV1(path.schema) };
}

class FilterTranslator {
  constructor(
    private readonly type: ObjectType,
    private readonly dialect: FilterDialect,
    private readonly version: ScimVersion,
    private readonly presetName: string,
  ) {}

  translate(node: FilterNode, parent?: AttributePath): FilterNode {
    switch (node.kind) {
      case 'comparison': {
        const operators = this.version === '1.1' ? V1_OPERATORS : this.dialect.operators;
        if (!operators.has(node.operator)) this.refuse(`the operator "${node.operator}"`);
        return { ...node, path: this.path(node.path, parent) };
      }
      case 'present':
        if (!this.dialect.present) this.refuse('"pr"');
        return { ...node, path: this.path(node.path, parent) };
      case 'not':
        if (!this.dialect.not || this.version === '1.1') this.refuse('"not"');
        return { ...node, filter: this.translate(node.filter, parent) };
      case 'and':
      case 'or':
        if (!this.dialect[node.kind]) this.refuse(`"${node.kind}"`);
        return {
          ...node,
          left: this.translate(node.left, parent),
          right: this.translate(node.right, parent),
        };
      case 'valuePath':
        if (!this.dialect.valuePath || this.version === '1.1') this.refuse('value filters (attr[…])');
        return {
          ...node,
          path: this.path(node.path, undefined),
          filter: this.translate(node.filter, node.path),
        };
    }
  }

  private path(path: AttributePath, parent: AttributePath | undefined): AttributePath {
    const allowed = this.dialect.attributes?.[this.type];
    const full = parent ? { attribute: parent.attribute, subAttribute: path.attribute } : path;
    if (allowed && !allowed.includes(pathName(full)))
      this.refuse(`filtering ${this.type}s on "${pathName(full)}"`);
    return this.version === '1.1' ? pathToV1(path) : path;
  }

  private refuse(what: string): never {
    const target =
      this.presetName === 'generic' ? `a SCIM ${this.version} target` : `the ${this.presetName} preset`;
    throw new ConnectorError('unsupported', `The filter uses ${what}, which ${target} does not accept.`);
  }
}

/**
 * Writes a filter in the target's dialect: every part is checked against what the version and
 * the preset accept (AWS: `eq` joined by `and`, on a few attributes; Atlassian: one `eq`), and
 * a filter the target cannot take is refused with ConnectorError `unsupported` before any
 * request, rather than sent to fail — or, worse, to be half-understood. Values are escaped by
 * `formatFilter`.
 */
export function translateFilter(
  filter: FilterNode,
  type: ObjectType,
  dialect: FilterDialect,
  version: ScimVersion,
  presetName: string,
): string {
  const translated = new FilterTranslator(type, dialect, version, presetName).translate(filter);
  try {
    return formatFilter(translated);
  } catch (error) {
    if (isScimError(error))
      throw new ConnectorError('unsupported', `The filter cannot be written: ${error.detail}`);
    throw error;
  }
}
