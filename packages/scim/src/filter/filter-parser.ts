import { splitAttributePath, type AttributePath } from '../schema/attribute-path.js';
import type { ComparisonOperator, FilterLiteral, FilterNode } from './filter-ast.js';
import { tokenizeFilter, type Token } from './filter-lexer.js';
import { FilterSyntaxError } from './filter-syntax-error.js';

/** Limits and context for parsing filters and PATCH paths. */
export interface FilterParseOptions {
  /**
   * Schema URNs to recognise as path prefixes (e.g. `registry.schemas().map((s) => s.id)`), so
   * that a registered URN is split off exactly and returned as registered.
   */
  readonly knownSchemas?: Iterable<string>;
  /** Longest text accepted, in characters. Default 16384. */
  readonly maxLength?: number;
  /** Deepest nesting of parentheses, `not (…)` and value filters. Default 32. */
  readonly maxDepth?: number;
}

export const DEFAULT_MAX_FILTER_LENGTH = 16384;
export const DEFAULT_MAX_FILTER_DEPTH = 32;

const COMPARISON_OPERATORS: ReadonlySet<string> = new Set([
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
]);

/** JSON number (RFC 8259 §6). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

const VALUE_EXPECTED = 'a value (a string in double quotes, a number, true, false or null)';

/**
 * Recursive-descent parser for RFC 7644 §3.4.2.2 filters, shared by `parseFilter` and
 * `parsePatchPath`. Precedence is not > and > or; `and`/`or` chains are built left-associative
 * in a loop, so only real nesting (parentheses, `not (…)`, value filters) consumes stack, and
 * that is capped by `maxDepth`.
 */
export class FilterParser {
  private readonly tokens: Token[];
  private readonly knownSchemas: string[];
  private readonly maxDepth: number;
  private index = 0;
  private depth = 0;
  /** The `[` of the value filter being parsed, if any: value filters cannot nest. */
  private openValueFilter: { path: Token; bracket: Token } | undefined;

  constructor(
    private readonly text: string,
    private readonly scimType: 'invalidFilter' | 'invalidPath',
    options: FilterParseOptions = {},
  ) {
    if (typeof text !== 'string') this.failAt(`expected text, got ${typeof text}`, 0);
    const maxLength = options.maxLength ?? DEFAULT_MAX_FILTER_LENGTH;
    if (text.length > maxLength) {
      this.failAt(
        `the text is ${text.length} characters long, more than the limit of ${maxLength}`,
        maxLength,
      );
    }
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_FILTER_DEPTH;
    this.knownSchemas = [...(options.knownSchemas ?? [])];
    const lower = this.knownSchemas.map((urn) => urn.toLowerCase());
    this.tokens = tokenizeFilter(text, lower, (reason, at) => this.failAt(reason, at));
  }

  /** The next token, without consuming it. */
  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  /** `FILTER` up to the first token that cannot continue it. */
  parseExpression(): FilterNode {
    if (this.peek().kind === 'end' && this.index === 0) {
      this.fail('the filter is empty; expected an expression such as userName eq "bjensen"', this.peek());
    }
    let left = this.parseConjunction();
    while (this.isKeyword(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.parseConjunction() };
    }
    return left;
  }

  /** The text must end here. `what` names what could have continued it, for the message. */
  expectEnd(what?: string): void {
    const token = this.peek();
    if (token.kind === 'end') return;
    let reason = `expected ${what ? `${what} or ` : ''}the end of the text, found ${describe(token)}`;
    if (token.kind === 'word' && token.text.startsWith('.') && this.scimType === 'invalidFilter') {
      reason += '; a sub-attribute after a value filter (emails[…].value) is allowed only in PATCH paths';
    }
    this.fail(reason, token);
  }

  /** An attribute path word; a value filter may follow only where `allowValueFilter`. */
  parsePath(token: Token): AttributePath {
    if (token.kind !== 'word') this.fail(`expected an attribute path, found ${describe(token)}`, token);
    const lower = token.text.toLowerCase();
    if (this.knownSchemas.some((urn) => urn.toLowerCase() === lower)) {
      this.fail(`"${token.text}" names a schema, not an attribute; append ":" and an attribute name`, token);
    }
    // A registered URN that is a prefix of an unregistered one would leave a colon in the name:
    // then the plain "last colon" split is the right reading.
    const path = splitAttributePath(token.text, this.knownSchemas) ?? splitAttributePath(token.text);
    if (path?.schema !== undefined && path.schema.length <= 4) {
      this.fail(
        `"${token.text}" has no schema URN before the attribute name; write urn:<namespace>:<name>:attribute`,
        token,
      );
    }
    if (!path) {
      this.fail(
        `"${token.text}" is not an attribute path: names start with a letter and hold letters, digits, "-" and "_", ` +
          'with an optional schema URN prefix and one ".subAttribute"',
        token,
      );
    }
    return path;
  }

  /** `path "[" valFilter "]"` after the path has been read; the next token is `[`. */
  parseValueFilter(pathToken: Token, path: AttributePath): FilterNode {
    const bracket = this.next();
    if (this.openValueFilter) {
      const outer = this.openValueFilter;
      this.fail(
        `value filters cannot be nested: "${pathToken.text}[" is inside the value filter of "${outer.path.text}" ` +
          `that opens at position ${outer.bracket.start + 1} (RFC 7644 §3.4.2.2)`,
        pathToken,
      );
    }
    if (path.subAttribute !== undefined) {
      this.fail(
        `a value filter applies to an attribute, not to the sub-attribute "${pathToken.text}"`,
        pathToken,
      );
    }
    this.enter(bracket);
    this.openValueFilter = { path: pathToken, bracket };
    const filter = this.parseExpression();
    this.expectClose(']', bracket);
    this.openValueFilter = undefined;
    this.depth--;
    return filter;
  }

  fail(reason: string, token: Token): never {
    return this.failAt(reason, token.start);
  }

  private failAt(reason: string, index: number): never {
    throw new FilterSyntaxError(this.scimType, reason, index + 1, String(this.text));
  }

  private parseConjunction(): FilterNode {
    let left = this.parseUnary();
    while (this.isKeyword(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    const token = this.peek();
    if (token.kind === '(') {
      return this.parseGroup(this.next());
    }
    if (token.kind !== 'word') {
      this.fail(`expected an attribute path, "(" or "not (", found ${describe(token)}`, token);
    }
    if (this.isKeyword(token, 'not')) {
      const following = this.peek(1);
      if (following.kind === '(') {
        this.next();
        return { kind: 'not', filter: this.parseGroup(this.next()) };
      }
      if (following.kind !== '[' && !(following.kind === 'word' && isAttributeOperator(following.text))) {
        this.fail(`"not" must be followed by a filter in parentheses, as in not (title pr)`, following);
      }
    }
    return this.parseAttributeExpression();
  }

  private parseGroup(open: Token): FilterNode {
    this.enter(open);
    const filter = this.parseExpression();
    this.expectClose(')', open);
    this.depth--;
    return filter;
  }

  private parseAttributeExpression(): FilterNode {
    const pathToken = this.next();
    const path = this.parsePath(pathToken);
    const token = this.peek();
    if (token.kind === '[')
      return { kind: 'valuePath', path, filter: this.parseValueFilter(pathToken, path) };
    const operator = token.kind === 'word' ? token.text.toLowerCase() : '';
    if (operator === 'pr') {
      this.next();
      return { kind: 'present', path };
    }
    if (!COMPARISON_OPERATORS.has(operator)) {
      this.fail(
        `expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le), "pr" or "[" after "${pathToken.text}", ` +
          `found ${describe(token)}`,
        token,
      );
    }
    this.next();
    return {
      kind: 'comparison',
      path,
      operator: operator as ComparisonOperator,
      value: this.parseLiteral(token),
    };
  }

  private parseLiteral(operatorToken: Token): FilterLiteral {
    const token = this.next();
    if (token.kind === 'string') return token.value as string;
    const after = `after "${operatorToken.text}"`;
    if (token.kind !== 'word')
      this.fail(`expected ${VALUE_EXPECTED} ${after}, found ${describe(token)}`, token);
    const lower = token.text.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === 'null') return null;
    if (JSON_NUMBER.test(token.text)) {
      const number = Number(token.text);
      if (!Number.isFinite(number)) this.fail(`the number ${token.text} is out of range`, token);
      return number;
    }
    const hint = token.text.startsWith("'") ? '; strings must be in double quotes' : '';
    return this.fail(`expected ${VALUE_EXPECTED} ${after}, found ${describe(token)}${hint}`, token);
  }

  private expectClose(kind: ')' | ']', open: Token): void {
    const token = this.peek();
    if (token.kind === kind) {
      this.next();
      return;
    }
    const continuation = token.kind === 'end' ? '' : '"and", "or" or ';
    this.fail(
      `expected ${continuation}"${kind}" to close the "${open.text}" at position ${open.start + 1}, found ${describe(token)}`,
      token,
    );
  }

  private enter(open: Token): void {
    if (++this.depth > this.maxDepth) {
      this.fail(
        `the filter nests parentheses, "not (…)" and value filters more than ${this.maxDepth} levels deep`,
        open,
      );
    }
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return (
      token.kind === 'word' && token.text.length === keyword.length && token.text.toLowerCase() === keyword
    );
  }
}

function isAttributeOperator(text: string): boolean {
  const lower = text.toLowerCase();
  return lower === 'pr' || COMPARISON_OPERATORS.has(lower);
}

/** A token as a message names it. */
function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the text';
  const text = token.text.length > 30 ? `${token.text.slice(0, 30)}…` : token.text;
  return `"${text}"`;
}
