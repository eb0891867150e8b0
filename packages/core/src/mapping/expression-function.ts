import type { ExpressionValue } from './mapping-value.js';

/**
 * Thrown by a function implementation when its arguments are wrong for the data at hand
 * (`Left("abc", -1)`, an unparseable date). The compiler turns it into a
 * `MappingExpressionError` that points at the call or, with `argumentIndex`, at the argument.
 */
export class FunctionFailure extends Error {
  override readonly name = 'FunctionFailure';
  constructor(
    message: string,
    readonly argumentIndex?: number,
  ) {
    super(message);
  }
}

/** A lazily evaluated argument: IIF, Coalesce, Switch and friends evaluate only what they need. */
export type ArgumentThunk = () => ExpressionValue;

interface FunctionBase {
  /** The canonical spelling; calls match it case-insensitively. */
  readonly name: string;
  /** How it is called, shown in errors about argument counts: `Mid(source, start, length)`. */
  readonly signature: string;
  /** One line for the function reference: what it returns, how it treats null. */
  readonly summary: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Extra rule on the argument count (Switch takes key/value pairs); returns the problem. */
  readonly checkArgumentCount?: (count: number) => string | undefined;
  /**
   * Checks literal arguments when the expression is compiled, so a bad date format or culture
   * fails when the rule is loaded. `undefined` entries are arguments that are not literals.
   * Throws `FunctionFailure`.
   */
  readonly checkLiterals?: (literals: readonly (ExpressionValue | undefined)[]) => void;
}

export interface EagerFunction extends FunctionBase {
  readonly lazy?: false;
  evaluate(args: readonly ExpressionValue[]): ExpressionValue;
}

export interface LazyFunction extends FunctionBase {
  readonly lazy: true;
  evaluate(args: readonly ArgumentThunk[]): ExpressionValue;
}

export type ExpressionFunction = EagerFunction | LazyFunction;
