import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { AttributePath } from '../schema/attribute-path.js';
import { compileFilter } from './compile-filter.js';
import type { ComparisonOperator, FilterLiteral, FilterNode } from './filter-ast.js';
import { formatFilter } from './format-filter.js';
import { parseFilter } from './parse-filter.js';
import {
  peopleContext,
  peopleFilterArbitrary,
  personArbitrary,
  PERSON_CORE,
  PERSON_EXT,
} from './test-fixtures/random-people.js';

/*
 * A deliberately plain reference evaluator for the people schema of random-people.ts: a direct
 * recursive walk with the schema written out as a table, no compilation, no shared helpers,
 * dateTime through Date.parse. It states the documented semantics once more in the simplest
 * form, so the compiled evaluator can be checked against it on random data.
 */
type Kind = 'string' | 'integer' | 'decimal' | 'boolean' | 'dateTime' | 'complex';
interface Attr {
  kind: Kind;
  caseExact?: boolean;
  extension?: boolean;
  subs?: Record<string, Attr>;
}

const TOP: Record<string, Attr> = {
  username: { kind: 'string' },
  code: { kind: 'string', caseExact: true },
  age: { kind: 'integer' },
  score: { kind: 'decimal' },
  active: { kind: 'boolean' },
  born: { kind: 'dateTime' },
  tags: { kind: 'string' },
  emails: {
    kind: 'complex',
    subs: { value: { kind: 'string' }, type: { kind: 'string' }, primary: { kind: 'boolean' } },
  },
  level: { kind: 'integer', extension: true },
  dept: { kind: 'string', extension: true },
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function lookup(object: unknown, name: string): unknown {
  if (!isObject(object)) return undefined;
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

function present(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.some(present);
  if (isObject(v)) return Object.values(v).some(present);
  return true;
}

function ordered(op: ComparisonOperator, a: number | string, b: number | string): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    default:
      throw new Error(`no ordering for ${op}`);
  }
}

function compareOne(attr: Attr, op: ComparisonOperator, literal: FilterLiteral, v: unknown): boolean {
  if (attr.kind === 'integer' || attr.kind === 'decimal') {
    return typeof literal === 'number' && typeof v === 'number' && ordered(op, v, literal);
  }
  if (attr.kind === 'boolean') {
    return (
      typeof literal === 'boolean' && typeof v === 'boolean' && (op === 'eq' ? v === literal : v !== literal)
    );
  }
  if (typeof literal !== 'string' || typeof v !== 'string') return false;
  if (attr.kind === 'dateTime' && op !== 'co' && op !== 'sw' && op !== 'ew') {
    // Date.parse alone would read "42" as the year 2042.
    const at = /^\d{4}-\d\d-\d\dT/.test(v) ? Date.parse(v) : Number.NaN;
    return !Number.isNaN(at) && ordered(op, at, Date.parse(literal));
  }
  const a = attr.caseExact ? v : v.toLowerCase();
  const b = attr.caseExact ? literal : literal.toLowerCase();
  if (op === 'co') return a.includes(b);
  if (op === 'sw') return a.startsWith(b);
  if (op === 'ew') return a.endsWith(b);
  return ordered(op, a, b);
}

/** Where a path points: the attribute, its sub-attribute, and the raw value read. */
function locate(path: AttributePath, target: unknown, attrs: Record<string, Attr>, inElement: boolean) {
  const attr = attrs[path.attribute.toLowerCase()];
  if (!attr) return undefined;
  if (path.schema !== undefined) {
    if (inElement) return undefined;
    const expected = attr.extension ? PERSON_EXT : PERSON_CORE;
    if (path.schema.toLowerCase() !== expected.toLowerCase()) return undefined;
  }
  if (path.subAttribute !== undefined && (inElement || !attr.subs?.[path.subAttribute.toLowerCase()]))
    return undefined;
  const raw = lookup(attr.extension ? lookup(target, PERSON_EXT) : target, path.attribute);
  return { attr, raw, sub: path.subAttribute };
}

function reference(
  node: FilterNode,
  target: unknown,
  attrs: Record<string, Attr> = TOP,
  inElement = false,
): boolean {
  switch (node.kind) {
    case 'and':
      return (
        reference(node.left, target, attrs, inElement) && reference(node.right, target, attrs, inElement)
      );
    case 'or':
      return (
        reference(node.left, target, attrs, inElement) || reference(node.right, target, attrs, inElement)
      );
    case 'not':
      return !reference(node.filter, target, attrs, inElement);
    case 'valuePath': {
      const at = locate(node.path, target, attrs, inElement);
      if (!at?.attr.subs) return false;
      return asList(at.raw).some(
        (element) => isObject(element) && reference(node.filter, element, at.attr.subs!, true),
      );
    }
    case 'present':
    case 'comparison': {
      const at = locate(node.path, target, attrs, inElement);
      if (!at) return false;
      const { attr, raw, sub } = at;
      const isPresent = sub !== undefined ? asList(raw).some((e) => present(lookup(e, sub))) : present(raw);
      if (node.kind === 'present') return isPresent;
      if (node.value === null) return node.operator === 'eq' ? !isPresent : isPresent;
      const leafName = sub ?? (attr.subs ? 'value' : undefined);
      const leaf = leafName !== undefined ? attr.subs![leafName.toLowerCase()]! : attr;
      const values =
        leafName !== undefined ? asList(raw).flatMap((e) => asList(lookup(e, leafName))) : asList(raw);
      return values.some((v) => compareOne(leaf, node.operator, node.value, v));
    }
  }
}

describe('evaluator against the reference evaluator (property-based)', () => {
  it('agrees on random people and random filters', () => {
    fc.assert(
      fc.property(
        peopleFilterArbitrary,
        fc.array(personArbitrary, { minLength: 1, maxLength: 8 }),
        (filter, people) => {
          const predicate = compileFilter(filter, peopleContext);
          for (const person of people) {
            expect([formatFilter(filter), person, predicate(person)]).toEqual([
              formatFilter(filter),
              person,
              reference(filter, person),
            ]);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('agrees after a round trip through filter text', () => {
    fc.assert(
      fc.property(peopleFilterArbitrary, personArbitrary, (filter, person) => {
        const fromText = compileFilter(formatFilter(filter), peopleContext);
        expect(fromText(person)).toBe(reference(parseFilter(formatFilter(filter)), person));
      }),
      { numRuns: 500 },
    );
  });

  it('generates filters that match and filters that do not, so the comparison means something', () => {
    const samples = fc.sample(fc.tuple(peopleFilterArbitrary, personArbitrary), { numRuns: 2000, seed: 7 });
    const outcomes = samples.map(([filter, person]) => reference(filter, person));
    const matched = outcomes.filter(Boolean).length;
    expect(matched).toBeGreaterThan(200);
    expect(samples.length - matched).toBeGreaterThan(200);
  });
});
