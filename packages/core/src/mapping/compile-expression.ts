import type { ScimResource, ScimValue } from '@idsync/scim';
import { didYouMean } from './closest-names.js';
import { checkResultSize, valuesEqual } from './expression-coercion.js';
import type { CallNode, ExpressionNode, ReferenceNode } from './expression-ast.js';
import { FunctionFailure, type ArgumentThunk, type ExpressionFunction } from './expression-function.js';
import { EXPRESSION_FUNCTIONS, findExpressionFunction } from './function-catalog.js';
import { MappingExpressionError, type MappingErrorContext } from './mapping-expression-error.js';
import { PathSyntaxError } from './mapping-path.js';
import type { ExpressionValue } from './mapping-value.js';
import { parseExpression } from './parse-expression.js';
import { createAttributeReader } from './read-attribute.js';
import { PathResolver, type PathResolverOptions, type ResolvedPath } from './resolve-mapping-path.js';

export interface CompileExpressionOptions extends PathResolverOptions, MappingErrorContext {
  /** A resolver shared by many expressions of one rule (saves building one per expression). */
  readonly resolver?: PathResolver;
}

/** An expression parsed and checked once, evaluated for every object. */
export interface CompiledExpression {
  readonly text: string;
  /** The canonical paths of the source attributes the expression reads. */
  readonly references: readonly string[];
  /** Evaluates against one source object; throws `MappingExpressionError` (phase `evaluate`). */
  evaluate(source: ScimResource): ExpressionValue;
}

type Evaluator = (source: ScimResource) => ExpressionValue;

const FUNCTION_NAMES = EXPRESSION_FUNCTIONS.map((fn) => fn.name);

/** Turns a syntax tree into nested closures: no tree walking and no name lookups per object. */
class ExpressionCompiler {
  readonly references = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly resolver: PathResolver,
    private readonly context: MappingErrorContext,
  ) {}

  compile(node: ExpressionNode): Evaluator {
    switch (node.kind) {
      case 'literal': {
        const value = node.value;
        return () => value;
      }
      case 'reference':
        return this.reference(node);
      case 'comparison': {
        const left = this.compile(node.left);
        const right = this.compile(node.right);
        return node.operator === '=='
          ? (source) => valuesEqual(left(source), right(source))
          : (source) => !valuesEqual(left(source), right(source));
      }
      case 'call':
        return this.call(node);
    }
  }

  private reference(node: ReferenceNode): Evaluator {
    let resolved: ResolvedPath;
    try {
      resolved = this.resolver.resolve(node.path, 'source');
    } catch (error) {
      if (error instanceof PathSyntaxError)
        this.fail(
          node.pathPosition + error.offset,
          `invalid attribute reference: ${error.reason}`,
          'compile',
        );
      throw error;
    }
    if (resolved.filter && resolved.subAttribute === undefined) {
      this.fail(
        node.pathPosition,
        `[${node.pathText}] selects a whole element; reference one of its sub-attributes, e.g. [${resolved.text}.value]`,
        'compile',
      );
    }
    this.references.add(resolved.text);
    const read = createAttributeReader(resolved);
    return (source) => this.toExpressionValue(read(source), node, resolved);
  }

  /** Source values as expressions see them: scalars, lists of text, or null when absent or empty. */
  private toExpressionValue(
    raw: ScimValue | undefined,
    node: ReferenceNode,
    path: ResolvedPath,
  ): ExpressionValue {
    if (raw === undefined || raw === null) return null;
    if (typeof raw !== 'object') return raw;
    if (Array.isArray(raw)) {
      const values: string[] = [];
      for (const item of raw) {
        if (item === null) continue;
        if (typeof item === 'object') {
          return this.fail(
            node.pathPosition,
            `[${node.pathText}] holds complex values; reference a sub-attribute, e.g. [${path.text}.value] or [${path.attribute}[type eq "work"].value]`,
            'evaluate',
          );
        }
        values.push(typeof item === 'string' ? item : String(item));
      }
      return values.length > 0 ? values : null;
    }
    const subs = path.definition?.subAttributes?.map((sub) => sub.name) ?? Object.keys(raw);
    return this.fail(
      node.pathPosition,
      `[${node.pathText}] is complex; reference one of its sub-attributes (${subs.join(', ')}), e.g. [${path.text}.${subs[0] ?? 'value'}]`,
      'evaluate',
    );
  }

  private call(node: CallNode): Evaluator {
    const fn = findExpressionFunction(node.name);
    if (!fn)
      this.fail(
        node.position,
        `unknown function "${node.name}".${didYouMean(node.name, FUNCTION_NAMES) || ` Functions: ${FUNCTION_NAMES.join(', ')}.`}`,
        'compile',
      );
    const count = node.args.length;
    if (count < fn.minArgs || count > fn.maxArgs) {
      const expected =
        fn.minArgs === fn.maxArgs
          ? `${fn.minArgs}`
          : fn.maxArgs >= 256
            ? `at least ${fn.minArgs}`
            : `${fn.minArgs} to ${fn.maxArgs}`;
      this.fail(
        node.position,
        `${fn.name} takes ${expected} argument${expected === '1' ? '' : 's'}, got ${count}: ${fn.signature}`,
        'compile',
      );
    }
    const countProblem = fn.checkArgumentCount?.(count);
    if (countProblem) this.fail(node.position, `${countProblem}: ${fn.signature}`, 'compile');
    if (fn.checkLiterals) {
      const literals = node.args.map((arg) => (arg.kind === 'literal' ? arg.value : undefined));
      try {
        fn.checkLiterals(literals);
      } catch (error) {
        throw this.asError(error, node, fn, 'compile');
      }
    }
    const args = node.args.map((arg) => this.compile(arg));
    return fn.lazy ? this.lazyCall(node, fn, args) : this.eagerCall(node, fn, args);
  }

  private eagerCall(node: CallNode, fn: ExpressionFunction & { lazy?: false }, args: Evaluator[]): Evaluator {
    const count = args.length;
    return (source) => {
      const values = new Array<ExpressionValue>(count);
      for (let index = 0; index < count; index++) values[index] = args[index]!(source);
      try {
        const result = fn.evaluate(values);
        checkResultSize(result, fn.name);
        return result;
      } catch (error) {
        throw this.asError(error, node, fn, 'evaluate');
      }
    };
  }

  private lazyCall(node: CallNode, fn: ExpressionFunction & { lazy: true }, args: Evaluator[]): Evaluator {
    return (source) => {
      const thunks: ArgumentThunk[] = args.map((arg) => () => arg(source));
      try {
        const result = fn.evaluate(thunks);
        checkResultSize(result, fn.name);
        return result;
      } catch (error) {
        throw this.asError(error, node, fn, 'evaluate');
      }
    };
  }

  /** A function's failure as a positioned error; errors of nested calls pass through unchanged. */
  private asError(
    error: unknown,
    node: CallNode,
    fn: ExpressionFunction,
    phase: 'compile' | 'evaluate',
  ): unknown {
    if (error instanceof MappingExpressionError) return error;
    if (!(error instanceof Error)) return error;
    const index = error instanceof FunctionFailure ? error.argumentIndex : undefined;
    const position = index === undefined ? node.position : (node.args[index]?.position ?? node.position);
    const reason =
      error instanceof FunctionFailure
        ? `${fn.name}: ${error.message}`
        : `${fn.name} failed: ${error.message}`;
    return this.error(position, reason, phase);
  }

  private error(position: number, reason: string, phase: 'compile' | 'evaluate'): MappingExpressionError {
    return new MappingExpressionError({
      ...this.context,
      field: this.context.field ?? 'expression',
      reason,
      expression: this.text,
      position,
      phase,
    });
  }

  private fail(position: number, reason: string, phase: 'compile' | 'evaluate'): never {
    throw this.error(position, reason, phase);
  }
}

/**
 * Parses and checks an expression once — syntax, function names and argument counts, literal
 * arguments such as date formats, and the attribute paths against the schema — and returns
 * an evaluator that is cheap to run for every object. Expression text is only ever parsed
 * here: values read from objects are data and are never interpreted as expressions.
 */
export function compileExpression(text: string, options: CompileExpressionOptions = {}): CompiledExpression {
  const context: MappingErrorContext = {
    ...(options.ruleId !== undefined ? { ruleId: options.ruleId } : {}),
    ...(options.target !== undefined ? { target: options.target } : {}),
    ...(options.mappingNumber !== undefined ? { mappingNumber: options.mappingNumber } : {}),
    field: options.field ?? 'expression',
  };
  let root: Evaluator;
  let compiler: ExpressionCompiler;
  try {
    const resolver = options.resolver ?? new PathResolver(options);
    compiler = new ExpressionCompiler(text, resolver, context);
    root = compiler.compile(parseExpression(text, resolver.knownSchemas));
  } catch (error) {
    if (error instanceof MappingExpressionError) throw error.withContext(context);
    throw error;
  }
  return { text, references: [...compiler.references], evaluate: root };
}
