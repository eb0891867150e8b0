import fc from 'fast-check';
import type { AttributePath } from '../../schema/attribute-path.js';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../../schema/urns.js';
import type { ComparisonOperator, FilterLiteral, FilterNode } from '../filter-ast.js';

/** fast-check generators of filter ASTs, for round-trip and oracle properties. */

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = [
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
];

/** Words that are keywords elsewhere in the grammar but valid attribute names. */
const KEYWORD_NAMES = ['and', 'or', 'not', 'pr', 'eq', 'gt', 'true', 'false', 'null', 'AND', 'Not'];

export interface FilterArbitraryOptions {
  /** Allow `and`, `not`, `true`… as attribute names. */
  readonly keywordNames: boolean;
  /** The schema URNs a path may be qualified with. */
  readonly schemas: readonly string[];
  readonly literal: fc.Arbitrary<FilterLiteral>;
}

/** Every kind of literal the grammar has, including strings that need every kind of escape. */
export const anyLiteral: fc.Arbitrary<FilterLiteral> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('"', '\\', '" or x pr or y eq "', '\u0000\n\t', '\ud800', 'a\udfffb', ']', ')'),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

export const ROUND_TRIP_OPTIONS: FilterArbitraryOptions = {
  keywordNames: true,
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, 'urn:acme.example:idsync:hr-2024', 'urn:x', 'urn:x:'],
  literal: anyLiteral,
};

function nameArbitrary(keywordNames: boolean): fc.Arbitrary<string> {
  const plain = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,7}$/);
  return keywordNames
    ? fc.oneof(plain, fc.constantFrom(...KEYWORD_NAMES, '$ref'))
    : plain.filter((n) => !isKeyword(n));
}

function isKeyword(name: string): boolean {
  return ['and', 'or', 'not', 'pr', 'true', 'false', 'null', ...COMPARISON_OPERATORS].includes(
    name.toLowerCase(),
  );
}

/** An AttributePath as the parser returns it: optional fields absent rather than undefined. */
function pathArbitrary(
  options: FilterArbitraryOptions,
  subAttribute: boolean,
  qualified: boolean,
): fc.Arbitrary<AttributePath> {
  const name = nameArbitrary(options.keywordNames);
  return fc
    .record({
      schema:
        qualified && options.schemas.length
          ? fc.option(fc.constantFrom(...options.schemas), { nil: undefined })
          : fc.constant(undefined),
      attribute: name,
      subAttribute: subAttribute ? fc.option(name, { nil: undefined }) : fc.constant(undefined),
    })
    .map(({ schema, attribute, subAttribute: sub }) => ({
      ...(schema !== undefined ? { schema } : {}),
      attribute,
      ...(sub !== undefined ? { subAttribute: sub } : {}),
    }));
}

function filterOf(
  options: FilterArbitraryOptions,
  withValuePath: boolean,
  qualified: boolean,
): fc.Arbitrary<FilterNode> {
  const comparison = fc
    .record({
      path: pathArbitrary(options, true, qualified),
      operator: fc.constantFrom(...COMPARISON_OPERATORS),
      value: options.literal,
    })
    .map(({ path, operator, value }): FilterNode => ({ kind: 'comparison', path, operator, value }));
  const present = pathArbitrary(options, true, qualified).map((path): FilterNode => ({
    kind: 'present',
    path,
  }));
  const leaf = fc.oneof(comparison, comparison, present);
  const inner = withValuePath ? filterOf(options, false, false) : undefined;
  return fc.letrec<{ node: FilterNode }>((tie) => ({
    node: fc.oneof(
      { maxDepth: 4, depthIdentifier: withValuePath ? 'outer' : 'inner' },
      leaf,
      fc.record({
        kind: fc.constantFrom('and' as const, 'or' as const),
        left: tie('node'),
        right: tie('node'),
      }),
      tie('node').map((filter): FilterNode => ({ kind: 'not', filter })),
      ...(inner
        ? [
            fc
              .record({ path: pathArbitrary(options, false, qualified), filter: inner })
              .map(({ path, filter }): FilterNode => ({ kind: 'valuePath', path, filter })),
          ]
        : []),
    ),
  })).node;
}

/** Arbitrary filter ASTs, value paths included (never nested). */
export function filterArbitrary(
  options: FilterArbitraryOptions = ROUND_TRIP_OPTIONS,
): fc.Arbitrary<FilterNode> {
  return filterOf(options, true, true);
}

/** Filter-like text from grammar fragments, for fuzzing the parser with mostly-wrong input. */
export const filterishText: fc.Arbitrary<string> = fc
  .array(
    fc.constantFrom(
      '(',
      ')',
      '[',
      ']',
      '"',
      '\\',
      '"x"',
      ' ',
      ' and ',
      ' or ',
      'not',
      ' eq ',
      ' pr',
      'x',
      'emails',
      '.',
      'urn:a:b:',
      '1',
      '-',
      'e5',
      'true',
      '\\u00',
      '\n',
      "'",
    ),
    { maxLength: 25 },
  )
  .map((parts) => parts.join(''));
