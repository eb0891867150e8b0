import type { CallNode, ExpressionNode } from './expression-ast.js';
import { tokenizeExpression, type Token } from './expression-lexer.js';
import { EXPRESSION_LIMITS } from './expression-limits.js';
import { MappingExpressionError } from './mapping-expression-error.js';
import { parseMappingPath, PathSyntaxError } from './mapping-path.js';

/*
 * Grammar (whitespace allowed between tokens):
 *   expression := operand [ ("==" | "!=") operand ]
 *   operand    := call | reference | string | number | "true" | "false" | "null"
 *   call       := name "(" [ expression { "," expression } ] ")"
 *   reference  := "[" attribute-path "]"
 * Keywords and function names are case-insensitive. A comparison does not chain: `a == b == c`
 * is refused rather than given a surprising meaning.
 */

class ExpressionParser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly knownSchemas: readonly string[] | undefined,
  ) {
    this.tokens = tokenizeExpression(text);
  }

  parse(): ExpressionNode {
    if (this.peek().kind === 'end')
      this.fail(0, 'the expression is empty; write a function call, an [attribute] or a "string"');
    const node = this.expression(1);
    const next = this.peek();
    if (next.kind !== 'end') {
      const hint = next.kind === '==' || next.kind === '!=' ? '; comparisons do not chain' : '';
      this.fail(next.position, `unexpected ${describe(next)} after the end of the expression${hint}`);
    }
    return node;
  }

  private expression(depth: number): ExpressionNode {
    const left = this.operand(depth);
    const operator = this.peek();
    if (operator.kind !== '==' && operator.kind !== '!=') return left;
    this.index += 1;
    const right = this.operand(depth);
    return { kind: 'comparison', operator: operator.kind, left, right, position: operator.position };
  }

  private operand(depth: number): ExpressionNode {
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return { kind: 'literal', value: token.value as string, position: token.position };
      case 'number':
        return { kind: 'literal', value: token.value as number, position: token.position };
      case 'reference':
        return this.reference(token);
      case 'name':
        return this.nameOrCall(token, depth);
      default:
        return this.fail(
          token.position,
          `expected a value (function call, [attribute], "string", number, true, false or null), got ${describe(token)}`,
        );
    }
  }

  private reference(token: Token): ExpressionNode {
    const pathPosition = token.innerPosition!;
    try {
      const path = parseMappingPath(token.text, this.knownSchemas);
      return { kind: 'reference', path, pathText: token.text.trim(), position: token.position, pathPosition };
    } catch (error) {
      if (error instanceof PathSyntaxError)
        return this.fail(pathPosition + error.offset, `invalid attribute reference: ${error.reason}`);
      throw error;
    }
  }

  private nameOrCall(token: Token, depth: number): ExpressionNode {
    const lower = token.text.toLowerCase();
    if (this.peek().kind !== '(') {
      if (lower === 'true' || lower === 'false')
        return { kind: 'literal', value: lower === 'true', position: token.position };
      if (lower === 'null') return { kind: 'literal', value: null, position: token.position };
      return this.fail(
        token.position,
        `"${token.text}" is neither a function call nor a value: attributes go in square brackets ([${token.text}]), text in quotes ("${token.text}"), and functions need parentheses (${token.text}(…))`,
      );
    }
    if (depth > EXPRESSION_LIMITS.maxNestingDepth) {
      this.fail(
        token.position,
        `function calls are nested more than ${EXPRESSION_LIMITS.maxNestingDepth} levels deep; simplify the expression`,
      );
    }
    this.index += 1;
    const args: ExpressionNode[] = [];
    if (this.peek().kind === ')') {
      this.index += 1;
    } else {
      for (;;) {
        args.push(this.expression(depth + 1));
        if (args.length > EXPRESSION_LIMITS.maxArguments) {
          this.fail(
            token.position,
            `${token.text} has more than ${EXPRESSION_LIMITS.maxArguments} arguments`,
          );
        }
        const separator = this.next();
        if (separator.kind === ')') break;
        if (separator.kind !== ',') {
          this.fail(
            separator.position,
            `expected "," or ")" in the arguments of ${token.text}, got ${describe(separator)}`,
          );
        }
      }
    }
    const call: CallNode = { kind: 'call', name: token.text, args, position: token.position };
    return call;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.tokens[this.index]!;
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private fail(position: number, reason: string): never {
    throw new MappingExpressionError({ reason, expression: this.text, position, phase: 'compile' });
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the expression';
  if (token.kind === 'reference') return `[${token.text}]`;
  return `"${token.text}"`;
}

/**
 * Parses expression text into a syntax tree, refusing text longer than the limit before any
 * work. Throws `MappingExpressionError` with the position of the first problem.
 */
export function parseExpression(text: string, knownSchemas?: readonly string[]): ExpressionNode {
  if (text.length > EXPRESSION_LIMITS.maxExpressionLength) {
    throw new MappingExpressionError({
      reason: `the expression is ${text.length} characters long; the limit is ${EXPRESSION_LIMITS.maxExpressionLength}`,
      expression: text,
      position: EXPRESSION_LIMITS.maxExpressionLength,
      phase: 'compile',
    });
  }
  return new ExpressionParser(text, knownSchemas).parse();
}
