import fc from 'fast-check';
import type { AttributeDefinition, SchemaDefinition } from '../../schema/attribute-definition.js';
import { SchemaRegistry } from '../../schema/schema-registry.js';
import type { ComparisonOperator, FilterLiteral, FilterNode } from '../filter-ast.js';
import { splitAttributePath } from '../../schema/attribute-path.js';

/**
 * A small schema of every attribute type and random people over it, with values drawn from
 * small pools so that random filters match often, keys in random case, and the awkward cases
 * (null, "", [], wrong JSON types) mixed in. Used to compare the evaluator with a reference.
 */
export const PERSON_CORE = 'urn:test:core:Person';
export const PERSON_EXT = 'urn:test:ext:Hr';

const attribute = (name: string, extra: Partial<AttributeDefinition> = {}): AttributeDefinition => ({
  name,
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

const coreSchema: SchemaDefinition = {
  id: PERSON_CORE,
  name: 'Person',
  attributes: [
    attribute('userName'),
    attribute('code', { caseExact: true }),
    attribute('age', { type: 'integer' }),
    attribute('score', { type: 'decimal' }),
    attribute('active', { type: 'boolean' }),
    attribute('born', { type: 'dateTime' }),
    attribute('tags', { multiValued: true }),
    attribute('emails', {
      type: 'complex',
      multiValued: true,
      subAttributes: [attribute('value'), attribute('type'), attribute('primary', { type: 'boolean' })],
    }),
  ],
};

const extensionSchema: SchemaDefinition = {
  id: PERSON_EXT,
  name: 'Hr',
  attributes: [attribute('level', { type: 'integer' }), attribute('dept')],
};

export const peopleRegistry = new SchemaRegistry(
  [coreSchema, extensionSchema],
  [
    {
      id: 'Person',
      name: 'Person',
      endpoint: '/People',
      schema: PERSON_CORE,
      schemaExtensions: [{ schema: PERSON_EXT, required: false }],
    },
  ],
);
export const peopleContext = { registry: peopleRegistry, scope: peopleRegistry.scopeOf('Person') };

const STRINGS = ['Alice', 'alice', 'ALICE', 'Al', 'ice', 'bob', 'Bob', '', 'Ålice', 'zed', 'b'];
const INTEGERS = [-1, 0, 1, 2, 42];
const DECIMALS = [-0.5, 0, 1.5, 2, 42];
const DATES = [
  '2011-05-13T04:42:34Z',
  '2011-05-13T06:42:34+02:00',
  '2011-05-13T03:42:34-01:00',
  '2011-05-13T04:42:34.500Z',
  '2011-05-13T04:42:33Z',
  '2012-01-01T00:00:00Z',
];
const TYPES = ['work', 'Work', 'home', ''];

type Kind = 'string' | 'integer' | 'decimal' | 'boolean' | 'dateTime';

const POOLS: Record<Kind, fc.Arbitrary<unknown>> = {
  string: fc.constantFrom(...STRINGS),
  integer: fc.constantFrom(...INTEGERS),
  decimal: fc.constantFrom(...DECIMALS),
  boolean: fc.boolean(),
  dateTime: fc.constantFrom(...DATES),
};

/** A value of the kind, or now and then null or a value of another JSON type. */
function valueOf(kind: Kind): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: POOLS[kind] },
    fc.constant(null),
    fc.constantFrom('42', 42, true, 'true'),
  );
}

const email = fc.record(
  {
    value: valueOf('string'),
    type: fc.oneof(fc.constantFrom(...TYPES), fc.constant(null)),
    primary: valueOf('boolean'),
  },
  { requiredKeys: [] },
);

function recase(value: unknown, casing: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => recase(v, casing));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k === 'schemas' ? k : casing(k), recase(v, casing)]),
  );
}

export const personArbitrary: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.record(
      {
        userName: valueOf('string'),
        code: valueOf('string'),
        age: valueOf('integer'),
        score: valueOf('decimal'),
        active: valueOf('boolean'),
        born: valueOf('dateTime'),
        tags: fc.oneof(fc.array(POOLS.string, { maxLength: 3 }), valueOf('string')),
        emails: fc.oneof(fc.array(email, { maxLength: 3 }), fc.constant(null)),
        [PERSON_EXT]: fc.record({ level: valueOf('integer'), dept: valueOf('string') }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
    fc.constantFrom<(key: string) => string>(
      (k) => k,
      (k) => k.toUpperCase(),
      (k) => k.toLowerCase(),
    ),
  )
  .map(([person, casing]) => ({ schemas: [PERSON_CORE, PERSON_EXT], ...(recase(person, casing) as object) }));

const ORDERED: ComparisonOperator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
const ALL: ComparisonOperator[] = [...ORDERED, 'co', 'sw', 'ew'];

/** Paths as a client might write them, with the kind of what they compare and the operators that apply. */
const TOP_PATHS: readonly [string[], Kind, ComparisonOperator[]][] = [
  [['userName', 'USERNAME', `${PERSON_CORE}:userName`], 'string', ALL],
  [['code', 'Code'], 'string', ALL],
  [['age', `${PERSON_CORE}:AGE`], 'integer', ORDERED],
  [['score'], 'decimal', ORDERED],
  [['active'], 'boolean', ['eq', 'ne']],
  [['born'], 'dateTime', ALL],
  [['tags'], 'string', ALL],
  [['emails', 'emails.value', 'EMAILS.Value', 'emails.type'], 'string', ALL],
  [['emails.primary'], 'boolean', ['eq', 'ne']],
  [['level', `${PERSON_EXT}:level`, `${PERSON_EXT.toUpperCase()}:Level`], 'integer', ORDERED],
  [['dept', `${PERSON_EXT}:dept`], 'string', ALL],
  [['nickName', 'emails.nosuch', `${PERSON_EXT}:userName`, `${PERSON_CORE}:level`], 'string', ALL],
];
const ELEMENT_PATHS: readonly [string[], Kind, ComparisonOperator[]][] = [
  [['value', 'VALUE'], 'string', ALL],
  [['type'], 'string', ALL],
  [['primary'], 'boolean', ['eq', 'ne']],
  [['nosuch'], 'integer', ORDERED],
];

function leafOver(paths: readonly [string[], Kind, ComparisonOperator[]][]): fc.Arbitrary<FilterNode> {
  return fc.constantFrom(...paths).chain(([names, kind, operators]) =>
    fc
      .record({
        name: fc.constantFrom(...names),
        operator: fc.constantFrom(...operators),
        present: fc.boolean(),
      })
      .chain(({ name, operator, present }) => {
        const path = splitAttributePath(name, [PERSON_CORE, PERSON_EXT])!;
        if (present && operator === 'eq') return fc.constant<FilterNode>({ kind: 'present', path });
        const literal: fc.Arbitrary<FilterLiteral> = fc.oneof(
          { weight: 6, arbitrary: POOLS[kind] as fc.Arbitrary<FilterLiteral> },
          operator === 'eq' || operator === 'ne'
            ? fc.constant(null)
            : (POOLS[kind] as fc.Arbitrary<FilterLiteral>),
          // A literal of another JSON type: no match, whatever the operator.
          kind === 'boolean' || operator === 'co' || operator === 'sw' || operator === 'ew'
            ? (POOLS[kind] as fc.Arbitrary<FilterLiteral>)
            : fc.constantFrom<FilterLiteral>(...(kind === 'string' || kind === 'dateTime' ? [7] : ['7'])),
        );
        return literal.map((value): FilterNode => ({ kind: 'comparison', path, operator, value }));
      }),
  );
}

function logicOver(
  leaf: fc.Arbitrary<FilterNode>,
  extra: fc.Arbitrary<FilterNode>[],
  id: string,
): fc.Arbitrary<FilterNode> {
  return fc.letrec<{ node: FilterNode }>((tie) => ({
    node: fc.oneof(
      { maxDepth: 3, depthIdentifier: id },
      leaf,
      ...extra,
      fc.record({
        kind: fc.constantFrom('and' as const, 'or' as const),
        left: tie('node'),
        right: tie('node'),
      }),
      tie('node').map((filter): FilterNode => ({ kind: 'not', filter })),
    ),
  })).node;
}

/** Random filters over the people schema that never use an operator the type refuses. */
export const peopleFilterArbitrary: fc.Arbitrary<FilterNode> = logicOver(
  leafOver(TOP_PATHS),
  [
    logicOver(leafOver(ELEMENT_PATHS), [], 'element').map((filter): FilterNode => ({
      kind: 'valuePath',
      path: { attribute: 'emails' },
      filter,
    })),
  ],
  'top',
);
