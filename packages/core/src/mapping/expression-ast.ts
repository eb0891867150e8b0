import type { MappingPath } from './mapping-path.js';
import type { ExpressionValue } from './mapping-value.js';

/** `"text"`, `42`, `true`, `false`, `null`. */
export interface LiteralNode {
  readonly kind: 'literal';
  readonly value: ExpressionValue;
  readonly position: number;
}

/** `[name.givenName]`: `position` is the opening bracket, `pathPosition` the path's first character. */
export interface ReferenceNode {
  readonly kind: 'reference';
  readonly path: MappingPath;
  readonly pathText: string;
  readonly position: number;
  readonly pathPosition: number;
}

/** `Name(arg, …)`: `position` is the function name. */
export interface CallNode {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly ExpressionNode[];
  readonly position: number;
}

/** `left == right`, `left != right`: `position` is the operator. */
export interface ComparisonNode {
  readonly kind: 'comparison';
  readonly operator: '==' | '!=';
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
  readonly position: number;
}

export type ExpressionNode = LiteralNode | ReferenceNode | CallNode | ComparisonNode;
