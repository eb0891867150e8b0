import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FilterSyntaxError } from './filter-syntax-error.js';
import { fillFilterTemplate } from './fill-filter-template.js';
import { formatFilter, formatPatchPath } from './format-filter.js';
import { parseFilter } from './parse-filter.js';
import { parsePatchPath } from './parse-patch-path.js';
import { filterArbitrary, filterishText, ROUND_TRIP_OPTIONS } from './test-fixtures/filter-arbitraries.js';

const LIMITS = { maxLength: 1_000_000 };

describe('filter text round trip (property-based)', () => {
  it('parse(format(ast)) equals ast for arbitrary ASTs', () => {
    fc.assert(
      fc.property(filterArbitrary(), (node) => {
        expect(parseFilter(formatFilter(node), LIMITS)).toEqual(node);
      }),
      { numRuns: 500 },
    );
  });

  it('formatting is stable: format(parse(format(ast))) equals format(ast)', () => {
    fc.assert(
      fc.property(filterArbitrary(), (node) => {
        const text = formatFilter(node);
        expect(formatFilter(parseFilter(text, LIMITS))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('PATCH paths round-trip too', () => {
    const inner = filterArbitrary({ ...ROUND_TRIP_OPTIONS, schemas: [] }).filter(
      (node) => !JSON.stringify(node).includes('valuePath'),
    );
    const patchPath = fc.record({
      attribute: fc.constantFrom({ attribute: 'emails' }, { schema: 'urn:acme:x', attribute: 'and' }),
      valueFilter: inner,
      subAttribute: fc.constantFrom('value', 'not', '$ref'),
    });
    fc.assert(
      fc.property(patchPath, (path) => {
        expect(parsePatchPath(formatPatchPath(path), undefined, LIMITS)).toEqual(path);
      }),
      { numRuns: 200 },
    );
  });

  /** Valid filter text with one character deleted, replaced or inserted: mostly near-misses. */
  const mutatedFilterText = fc
    .tuple(
      filterArbitrary(),
      fc.nat(),
      fc.constantFrom('delete', 'replace', 'insert'),
      fc.constantFrom('(', ')', '[', ']', '"', '\\', ' ', 'x', '.', ':'),
    )
    .map(([node, at, how, character]) => {
      const text = formatFilter(node);
      const index = at % (text.length + 1);
      const keep = how === 'insert' ? index : index + 1;
      return text.slice(0, index) + (how === 'delete' ? '' : character) + text.slice(keep);
    });

  it('any text either parses to an AST that round-trips or fails with a FilterSyntaxError', () => {
    fc.assert(
      fc.property(fc.oneof(filterishText, mutatedFilterText), (text) => {
        let node;
        try {
          node = parseFilter(text);
        } catch (error) {
          expect(error).toBeInstanceOf(FilterSyntaxError);
          expect((error as FilterSyntaxError).position).toBeGreaterThanOrEqual(1);
          expect((error as FilterSyntaxError).position).toBeLessThanOrEqual(text.length + 1);
          return;
        }
        expect(parseFilter(formatFilter(node))).toEqual(node);
      }),
      { numRuns: 2000 },
    );
  });

  it('a filled template value always stays one string literal', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string()), (value) => {
        const text = fillFilterTemplate('userName eq "%s" and active eq true', value);
        expect(parseFilter(text)).toEqual({
          kind: 'and',
          left: { kind: 'comparison', path: { attribute: 'userName' }, operator: 'eq', value },
          right: { kind: 'comparison', path: { attribute: 'active' }, operator: 'eq', value: true },
        });
      }),
      { numRuns: 500 },
    );
  });
});
