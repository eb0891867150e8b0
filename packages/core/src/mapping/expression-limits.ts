/**
 * Bounds that keep a mapping expression cheap and harmless whatever a configuration or the
 * source data holds. Expressions come from configuration files and the admin API, so an
 * oversized or pathological one is refused at compile time; values come from identity stores,
 * so a result that would grow past these sizes fails that object's mapping with a clear error
 * instead of exhausting memory for the whole run.
 */
export const EXPRESSION_LIMITS = {
  /** Characters of expression text. */
  maxExpressionLength: 8_192,
  /** Function calls nested inside one another. */
  maxNestingDepth: 32,
  /** Arguments of one call (Switch tables are the long ones). */
  maxArguments: 256,
  /** Characters of any string an expression builds, and of a string literal. */
  maxStringLength: 65_536,
  /** Elements of any list an expression builds. */
  maxListLength: 10_000,
} as const;
