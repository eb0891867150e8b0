// Public surface of the mapping module; core's index re-exports it.
export * from './mapping-value.js';
export * from './expression-limits.js';
export * from './mapping-expression-error.js';
export * from './mapping-compile-error.js';
export * from './mapping-path.js';
export * from './resolve-mapping-path.js';
export * from './compile-expression.js';
export * from './function-catalog.js';
export * from './normalize-diacritics.js';
export * from './attribute-mapping.js';
export * from './compile-mappings.js';
export * from './apply-mappings.js';
export type { ExpressionFunction } from './expression-function.js';
