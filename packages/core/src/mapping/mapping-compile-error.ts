import type { MappingExpressionError } from './mapping-expression-error.js';

/**
 * Every problem found in one rule's mappings, reported together: someone fixing a
 * configuration file should see all of them in one go rather than one per attempt.
 */
export class MappingCompileError extends Error {
  override readonly name = 'MappingCompileError';

  constructor(
    readonly ruleId: string,
    readonly errors: readonly MappingExpressionError[],
  ) {
    const count =
      errors.length === 1 ? '1 invalid attribute mapping' : `${errors.length} invalid attribute mappings`;
    const list = errors
      .map((error, index) => `${index + 1}. ${error.message.replace(/\n/g, '\n   ')}`)
      .join('\n');
    super(`Rule "${ruleId}" has ${count}:\n${list}`);
  }
}

export function isMappingCompileError(value: unknown): value is MappingCompileError {
  return value instanceof MappingCompileError;
}
