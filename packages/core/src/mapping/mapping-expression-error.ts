/** Which part of a mapping the text of an error comes from. */
export type MappingField =
  'target' | 'source' | 'expression' | 'value' | 'defaultIfEmpty' | 'onCreateOnly' | 'kind' | 'mapping';

/** Where an expression or path lives, so an error can say which rule and mapping to fix. */
export interface MappingErrorContext {
  readonly ruleId?: string;
  /** The mapping's target attribute as configured. */
  readonly target?: string;
  /** Position of the mapping in the rule's list, counted from 1 as people count. */
  readonly mappingNumber?: number;
  readonly field?: MappingField;
}

export interface MappingExpressionErrorInit extends MappingErrorContext {
  /** What is wrong and how to fix it, without location (that is added to the message). */
  readonly reason: string;
  /** The text the position points into: the expression, or the path or value of a mapping. */
  readonly expression: string;
  /** Character offset in `expression`, from 0; may equal its length ("at the end"). */
  readonly position: number;
  /** Compile errors come from the configuration, evaluation errors from one object's data. */
  readonly phase: 'compile' | 'evaluate';
}

const EXCERPT_WIDTH = 72;

/**
 * The line of `text` around `position` with a caret under it. Long lines are cut to a window
 * around the position so the caret stays readable in a terminal or a log line.
 */
export function caretExcerpt(text: string, position: number): string {
  const at = Math.max(0, Math.min(position, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  const lineEnd = newline < 0 ? text.length : newline;
  let line = text.slice(lineStart, lineEnd);
  let column = at - lineStart;
  if (line.length > EXCERPT_WIDTH) {
    const from = Math.max(0, Math.min(column - EXCERPT_WIDTH / 2, line.length - EXCERPT_WIDTH));
    const cutLeft = from > 0;
    const cutRight = from + EXCERPT_WIDTH < line.length;
    line = (cutLeft ? '…' : '') + line.slice(from, from + EXCERPT_WIDTH) + (cutRight ? '…' : '');
    column = column - from + (cutLeft ? 1 : 0);
  }
  return `${line}\n${' '.repeat(column)}^`;
}

const FIELD_NAMES: Record<MappingField, string> = {
  target: 'the target path',
  source: 'the source path',
  expression: 'the expression',
  value: 'the value',
  defaultIfEmpty: 'defaultIfEmpty',
  onCreateOnly: 'onCreateOnly',
  kind: 'the kind',
  mapping: '',
};

/** `Rule "hr", mapping #2 for "displayName", in the expression: ` */
function describeLocation(context: MappingErrorContext): string {
  let text = context.ruleId !== undefined ? `rule "${context.ruleId}"` : '';
  if (context.mappingNumber !== undefined) text += `${text ? ', ' : ''}mapping #${context.mappingNumber}`;
  if (context.target !== undefined) text += `${text ? ' ' : ''}for "${context.target}"`;
  const field = context.field ? FIELD_NAMES[context.field] : '';
  if (field) text += `${text ? ', ' : ''}in ${field}`;
  return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}: ` : '';
}

/**
 * A problem with a mapping expression or path: a syntax error, an unknown function or
 * attribute, a wrong argument, a limit exceeded, or an evaluation that failed on one object's
 * data. It carries everything a person needs to find and fix it — rule, target, the text, the
 * position with a caret excerpt — and `reason` alone for UIs that lay the parts out themselves.
 */
export class MappingExpressionError extends Error {
  override readonly name = 'MappingExpressionError';
  readonly ruleId?: string;
  readonly target?: string;
  readonly mappingNumber?: number;
  readonly field?: MappingField;
  readonly reason: string;
  readonly expression: string;
  readonly position: number;
  readonly excerpt: string;
  readonly phase: 'compile' | 'evaluate';

  constructor(init: MappingExpressionErrorInit) {
    const excerpt = caretExcerpt(init.expression, init.position);
    const indented = excerpt.replace(/^/gm, '  ');
    super(`${describeLocation(init)}${init.reason} (at position ${init.position})\n${indented}`);
    if (init.ruleId !== undefined) this.ruleId = init.ruleId;
    if (init.target !== undefined) this.target = init.target;
    if (init.mappingNumber !== undefined) this.mappingNumber = init.mappingNumber;
    if (init.field !== undefined) this.field = init.field;
    this.reason = init.reason;
    this.expression = init.expression;
    this.position = init.position;
    this.excerpt = excerpt;
    this.phase = init.phase;
  }

  /** The same error with the rule and mapping it belongs to filled in (existing values win). */
  withContext(context: MappingErrorContext): MappingExpressionError {
    return new MappingExpressionError({
      reason: this.reason,
      expression: this.expression,
      position: this.position,
      phase: this.phase,
      ruleId: this.ruleId ?? context.ruleId,
      target: this.target ?? context.target,
      mappingNumber: this.mappingNumber ?? context.mappingNumber,
      field: this.field ?? context.field,
    });
  }
}

export function isMappingExpressionError(value: unknown): value is MappingExpressionError {
  return value instanceof MappingExpressionError;
}
