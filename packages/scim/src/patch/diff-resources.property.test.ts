import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { applyPatch } from './apply-patch.js';
import { diffResources } from './diff-resources.js';
import { comparable, listedExtensions, presentExtensions } from './test-fixtures/comparable-resource.js';
import { groupPairArbitrary, userPairArbitrary } from './test-fixtures/resource-arbitraries.js';
import { USER_SCHEMA, groupContext, userContext } from './test-fixtures/test-registry.js';

const RUNS = { numRuns: 300 };

describe.each([
  ['value filters', true],
  ['whole-attribute replace', false],
])('applyPatch(A, diffResources(A, B)) equals B (%s)', (_mode, valuePathFilters) => {
  it('for Users with extensions and multi-valued attributes', () => {
    fc.assert(
      fc.property(userPairArbitrary(), ([from, to]) => {
        const operations = diffResources(from, to, { ...userContext, valuePathFilters });
        const { resource, changed } = applyPatch(from, operations, userContext);
        expect(comparable(resource)).toEqual(comparable(to));
        expect(listedExtensions(resource, USER_SCHEMA)).toEqual(presentExtensions(resource));
        // Operations are emitted only for real differences.
        expect(operations.length > 0).toBe(changed);
      }),
      RUNS,
    );
  });

  it('for Groups with members', () => {
    fc.assert(
      fc.property(groupPairArbitrary(), ([from, to]) => {
        const operations = diffResources(from, to, { ...groupContext, valuePathFilters });
        expect(comparable(applyPatch(from, operations, groupContext).resource)).toEqual(comparable(to));
      }),
      RUNS,
    );
  });
});

describe('diffResources properties', () => {
  it('is empty exactly when the writable parts are equal', () => {
    fc.assert(
      fc.property(userPairArbitrary(), ([from, to]) => {
        const equal = JSON.stringify(comparable(from)) === JSON.stringify(comparable(to));
        expect(diffResources(from, to, userContext).length === 0).toBe(equal);
      }),
      RUNS,
    );
  });

  it('a second diff after applying the first is empty', () => {
    fc.assert(
      fc.property(userPairArbitrary(), fc.boolean(), ([from, to], valuePathFilters) => {
        const { resource } = applyPatch(
          from,
          diffResources(from, to, { ...userContext, valuePathFilters }),
          userContext,
        );
        expect(diffResources(resource, to, { ...userContext, valuePathFilters })).toEqual([]);
      }),
      RUNS,
    );
  });
});
