import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  isValidAttributeName,
  splitAttributePath,
  USER_SCHEMA,
} from '@idsync/scim';

export type ValueFilterLiteral = string | number | boolean | null;

/** The `[type eq "work"]` part of a value path: one `eq` on a sub-attribute. */
export interface ValueFilter {
  readonly attribute: string;
  readonly value: ValueFilterLiteral;
}

/**
 * An attribute path as mappings use it: `userName`, `name.givenName`,
 * `emails[type eq "work"].value`, `urn:…:enterprise:2.0:User:manager.value`. Only `eq` value
 * filters are accepted: a mapping selects one element of a multi-valued attribute by its
 * key (usually `type`), and anything richer could not be written back as a target.
 */
export interface MappingPath {
  /** The schema URN when the path was qualified with one, as written. */
  readonly schema?: string;
  readonly attribute: string;
  readonly filter?: ValueFilter;
  readonly subAttribute?: string;
}

/** A path that cannot be parsed; `offset` is the character in the path text that is wrong. */
export class PathSyntaxError extends Error {
  override readonly name = 'PathSyntaxError';
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

const DEFAULT_KNOWN_SCHEMAS = [USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA];
const NAME_AT = /[A-Za-z][\w-]*/y;
const NUMBER_AT = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const NAME_RULE = 'names start with a letter and contain only letters, digits, "-" and "_"';

function matchAt(pattern: RegExp, text: string, offset: number): string | undefined {
  pattern.lastIndex = offset;
  return pattern.exec(text)?.[0];
}

function skipSpaces(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
  return at;
}

/** Reads a JSON-style string literal starting at the opening quote; returns value and end offset. */
function readQuoted(text: string, start: number): { value: string; end: number } {
  let at = start + 1;
  while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
  if (at >= text.length)
    throw new PathSyntaxError('the quoted value is not closed; add the closing "', start);
  try {
    return { value: JSON.parse(text.slice(start, at + 1)) as string, end: at + 1 };
  } catch {
    throw new PathSyntaxError(
      'the quoted value has an invalid escape; use \\" for a quote and \\\\ for a backslash',
      start,
    );
  }
}

function parseFilter(text: string, open: number): { filter: ValueFilter; end: number } {
  let at = skipSpaces(text, open + 1);
  const attribute = matchAt(NAME_AT, text, at);
  if (!attribute)
    throw new PathSyntaxError(`expected a sub-attribute name after "[", e.g. [type eq "work"]`, at);
  at = skipSpaces(text, at + attribute.length);
  const operator = matchAt(NAME_AT, text, at);
  if (operator?.toLowerCase() !== 'eq') {
    const got = operator ? `"${operator}"` : 'nothing';
    throw new PathSyntaxError(
      `a mapping value filter supports only "eq" (e.g. [type eq "work"]), got ${got}`,
      at,
    );
  }
  at = skipSpaces(text, at + operator.length);
  let value: ValueFilterLiteral;
  if (text[at] === '"') {
    const quoted = readQuoted(text, at);
    value = quoted.value;
    at = quoted.end;
  } else {
    const number = matchAt(NUMBER_AT, text, at);
    const word = number === undefined ? matchAt(NAME_AT, text, at) : undefined;
    if (number !== undefined) value = Number(number);
    else if (word === 'true' || word === 'false') value = word === 'true';
    else if (word === 'null') value = null;
    else
      throw new PathSyntaxError(
        'expected a value after "eq": a quoted string, a number, true, false or null',
        at,
      );
    at += (number ?? word)!.length;
  }
  at = skipSpaces(text, at);
  if (text[at] !== ']')
    throw new PathSyntaxError(
      'expected "]" to close the value filter; only one "eq" comparison is allowed',
      at,
    );
  return { filter: { attribute, value }, end: at + 1 };
}

/**
 * Parses a mapping path. `knownSchemas` lets URNs whose last segment looks like an attribute
 * be split correctly; unknown URNs are split at their last colon (attribute names have none).
 * Throws `PathSyntaxError` with the offset of the problem.
 */
export function parseMappingPath(
  text: string,
  knownSchemas: readonly string[] = DEFAULT_KNOWN_SCHEMAS,
): MappingPath {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  if (trimmed === '')
    throw new PathSyntaxError('the path is empty; expected an attribute such as name.givenName', 0);
  const open = trimmed.indexOf('[');
  const head = open < 0 ? trimmed : trimmed.slice(0, open);
  const space = head.search(/\s/);
  if (space >= 0) throw new PathSyntaxError('an attribute path contains no spaces', lead + space);
  if (knownSchemas.some((urn) => urn.toLowerCase() === head.toLowerCase())) {
    throw new PathSyntaxError(
      `"${head}" names a schema, not an attribute; append the attribute, e.g. ${head}:department`,
      lead,
    );
  }
  const split = splitAttributePath(head, [...DEFAULT_KNOWN_SCHEMAS, ...knownSchemas]);
  if (!split) {
    throw new PathSyntaxError(
      `"${head}" is not an attribute path: ${NAME_RULE}; extension attributes are written <schema URN>:<attribute>`,
      lead,
    );
  }
  const base: MappingPath = {
    ...(split.schema !== undefined ? { schema: split.schema } : {}),
    attribute: split.attribute,
    ...(split.subAttribute !== undefined ? { subAttribute: split.subAttribute } : {}),
  };
  if (open < 0) return base;
  if (split.subAttribute !== undefined) {
    throw new PathSyntaxError(
      `a value filter follows the multi-valued attribute itself: write ${split.attribute}[…].${split.subAttribute}`,
      lead + open,
    );
  }
  const { filter, end } = parseFilter(text, lead + open);
  const rest = text.slice(end, lead + trimmed.length);
  if (rest === '') return { ...base, filter };
  const sub = rest.startsWith('.') ? rest.slice(1) : undefined;
  if (sub === undefined || !isValidAttributeName(sub)) {
    throw new PathSyntaxError(
      `after the value filter only ".subAttribute" may follow (e.g. .value); ${NAME_RULE}`,
      end,
    );
  }
  return { ...base, filter, subAttribute: sub };
}

/** A filter literal as it is written in a path. */
export function formatFilterLiteral(value: ValueFilterLiteral): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The canonical text of a path: URN-qualified when `schema` is set, filter normalised. */
export function formatMappingPath(path: MappingPath): string {
  const prefix = path.schema !== undefined ? `${path.schema}:` : '';
  const filter = path.filter ? `[${path.filter.attribute} eq ${formatFilterLiteral(path.filter.value)}]` : '';
  const sub = path.subAttribute !== undefined ? `.${path.subAttribute}` : '';
  return `${prefix}${path.attribute}${filter}${sub}`;
}
