import type { ScimResource } from '@idsync/scim';
import type { AttributeMapping } from './attribute-mapping.js';
import { checkMappingShape } from './check-mapping-shape.js';
import { compileExpression } from './compile-expression.js';
import { findTargetConflict, type ClaimedTarget } from './find-target-conflict.js';
import { MappingCompileError } from './mapping-compile-error.js';
import {
  MappingExpressionError,
  type MappingErrorContext,
  type MappingField,
} from './mapping-expression-error.js';
import { parseMappingPath, PathSyntaxError } from './mapping-path.js';
import { cloneScimValue, type MappedValue, type ScalarOrList } from './mapping-value.js';
import { createAttributeReader } from './read-attribute.js';
import { PathResolver, type PathResolverOptions, type ResolvedPath } from './resolve-mapping-path.js';

export type CompileMappingsOptions = PathResolverOptions;

/** One mapping, checked and ready to run. */
export interface CompiledMapping {
  readonly mapping: AttributeMapping;
  /** Position in the rule's list, from 1. */
  readonly mappingNumber: number;
  readonly target: ResolvedPath;
  /** For provenance: the canonical source path, the expression text, or `'constant'`. */
  readonly from: string;
  /** The value before `defaultIfEmpty`; `undefined` when a direct source is absent. */
  readonly produce: (source: ScimResource) => MappedValue | undefined;
}

/** A rule's mappings, compiled once and applied to every object in scope. */
export interface CompiledMappings {
  readonly ruleId: string;
  /** The core schema URN of the object type; first in every target's `schemas`. */
  readonly coreSchema: string;
  readonly mappings: readonly CompiledMapping[];
}

function copyOf(value: ScalarOrList): ScalarOrList {
  return Array.isArray(value) ? [...value] : value;
}

/**
 * Checks and compiles a rule's mappings — their shape, target and source paths against the
 * schema, expressions, and targets claimed twice — and reports every problem at once in a
 * `MappingCompileError` naming the rule. Accepts mappings as read from configuration.
 */
export function compileMappings(
  ruleId: string,
  mappings: readonly unknown[],
  options: CompileMappingsOptions = {},
): CompiledMappings {
  const resolver = new PathResolver(options);
  const errors: MappingExpressionError[] = [];
  const compiled: CompiledMapping[] = [];
  const claimed: ClaimedTarget[] = [];
  if (!Array.isArray(mappings)) {
    const error = new MappingExpressionError({
      ruleId,
      field: 'mapping',
      reason: 'mappings must be a list',
      expression: String(mappings),
      position: 0,
      phase: 'compile',
    });
    throw new MappingCompileError(ruleId, [error]);
  }

  mappings.forEach((entry, index) => {
    const mappingNumber = index + 1;
    const targetText =
      typeof (entry as { target?: unknown } | null)?.target === 'string'
        ? (entry as { target: string }).target
        : undefined;
    const context: MappingErrorContext = {
      ruleId,
      mappingNumber,
      ...(targetText !== undefined ? { target: targetText } : {}),
    };
    const report = (field: MappingField, text: string, reason: string, position = 0) =>
      errors.push(
        new MappingExpressionError({
          ...context,
          field,
          reason,
          expression: text,
          position,
          phase: 'compile',
        }),
      );
    const resolve = (text: string, field: 'target' | 'source'): ResolvedPath | undefined => {
      try {
        return resolver.resolve(parseMappingPath(text, resolver.knownSchemas), field);
      } catch (error) {
        if (!(error instanceof PathSyntaxError)) throw error;
        report(field, text, error.reason, error.offset);
        return undefined;
      }
    };

    const problems = checkMappingShape(entry);
    for (const problem of problems) report(problem.field, problem.text, problem.reason);
    // The target is checked even when other keys are wrong, so one pass reports both.
    const target =
      targetText !== undefined && targetText.trim() !== '' ? resolve(targetText, 'target') : undefined;
    if (problems.length > 0) return;
    const mapping = entry as AttributeMapping;

    if (target) {
      const conflict = findTargetConflict(target, claimed);
      if (conflict) {
        const { other } = conflict;
        report(
          'target',
          mapping.target,
          conflict.kind === 'duplicate'
            ? `"${target.text}" is already the target of mapping #${other.mappingNumber} ("${other.target}"); give each target one mapping and combine sources with Coalesce`
            : `"${target.text}" overlaps the target of mapping #${other.mappingNumber} ("${other.target}"); map either the whole attribute or its parts, not both`,
        );
      } else {
        claimed.push({ path: target, mappingNumber, target: mapping.target });
      }
    }

    let produce: CompiledMapping['produce'] | undefined;
    let from: string | undefined;
    if (mapping.kind === 'direct') {
      const source = resolve(mapping.source, 'source');
      if (source) {
        const read = createAttributeReader(source);
        from = source.text;
        produce = (object) => {
          const value = read(object);
          return value === undefined ? undefined : cloneScimValue(value);
        };
      }
    } else if (mapping.kind === 'constant') {
      const value = mapping.value;
      from = 'constant';
      produce = () => copyOf(value);
    } else {
      try {
        const expression = compileExpression(mapping.expression, { ...context, resolver });
        from = mapping.expression;
        produce = expression.evaluate;
      } catch (error) {
        if (!(error instanceof MappingExpressionError)) throw error;
        errors.push(error);
      }
    }
    if (target && produce && from !== undefined)
      compiled.push({ mapping, mappingNumber, target, from, produce });
  });

  if (errors.length > 0) throw new MappingCompileError(ruleId, errors);
  return { ruleId, coreSchema: resolver.coreSchema, mappings: compiled };
}
