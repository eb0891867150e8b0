import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import { applyPatch } from './apply-patch.js';
import { diffResources } from './diff-resources.js';
import type { PatchContext, PatchOperation } from './patch-operation.js';
import { scimErrorOf } from './test-fixtures/patch-helpers.js';
import { comparable } from './test-fixtures/comparable-resource.js';
import { groupPairArbitrary, userPairArbitrary } from './test-fixtures/resource-arbitraries.js';
import { sampleGroup, sampleUser } from './test-fixtures/sample-resources.js';
import { ENTERPRISE_USER_SCHEMA, groupContext, userContext } from './test-fixtures/test-registry.js';

/**
 * npm `scim-patch` with its default options, as an independent oracle. It is not schema-aware
 * and diverges from the RFC in known places (see the last block), so it is consulted only where
 * it is RFC-correct. It writes to its input, hence the copy.
 */
function oracle(resource: Record<string, unknown>, operations: PatchOperation[]): unknown {
  const input = structuredClone({ meta: {}, ...resource }) as unknown as ScimResource;
  return comparable(
    scimPatch(input, operations as ScimPatchOperation[]) as unknown as Record<string, unknown>,
  );
}

function ours(
  resource: Record<string, unknown>,
  operations: PatchOperation[],
  context: PatchContext,
): unknown {
  return comparable(applyPatch(resource, operations, context).resource);
}

const ENTERPRISE = ENTERPRISE_USER_SCHEMA;
const BABS = '2819c223-7f76-453a-919d-413861904646';

describe('applyPatch agrees with scim-patch where scim-patch follows RFC 7644', () => {
  it.each<[string, () => Record<string, unknown>, PatchOperation[], PatchContext]>([
    [
      'replace a simple attribute',
      sampleUser,
      [{ op: 'replace', path: 'nickName', value: 'B' }],
      userContext,
    ],
    ['add a new attribute', sampleUser, [{ op: 'add', path: 'title', value: 'Guide' }], userContext],
    ['remove an attribute', sampleUser, [{ op: 'remove', path: 'displayName' }], userContext],
    [
      'replace a sub-attribute',
      sampleUser,
      [{ op: 'replace', path: 'name.givenName', value: 'Babs' }],
      userContext,
    ],
    [
      'merge into a complex attribute',
      sampleUser,
      [{ op: 'replace', path: 'name', value: { givenName: 'Babs', honorificSuffix: 'III' } }],
      userContext,
    ],
    [
      'add and replace without path',
      sampleUser,
      [
        { op: 'add', value: { title: 'Guide' } },
        { op: 'replace', value: { nickName: 'N', active: false } },
      ],
      userContext,
    ],
    [
      'replace a filtered sub-attribute',
      sampleUser,
      [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'w@example.com' }],
      userContext,
    ],
    [
      'replace a filtered value',
      sampleUser,
      [{ op: 'replace', path: 'addresses[type eq "home"]', value: { type: 'home', locality: 'Burbank' } }],
      userContext,
    ],
    [
      'remove with a compound filter',
      sampleUser,
      [{ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }],
      userContext,
    ],
    [
      'set an extension attribute',
      sampleUser,
      [{ op: 'replace', path: `${ENTERPRISE}:department`, value: 'Sales' }],
      userContext,
    ],
    [
      'remove an extension attribute',
      sampleUser,
      [{ op: 'remove', path: `${ENTERPRISE}:costCenter` }],
      userContext,
    ],
    [
      'add members',
      sampleGroup,
      [{ op: 'add', path: 'members', value: [{ value: 'u9', display: 'Nine' }] }],
      groupContext,
    ],
    ['remove one member', sampleGroup, [{ op: 'remove', path: `members[value eq "${BABS}"]` }], groupContext],
    ['remove all members', sampleGroup, [{ op: 'remove', path: 'members' }], groupContext],
    [
      'replace all members',
      sampleGroup,
      [{ op: 'replace', path: 'members', value: [{ value: 'u9' }] }],
      groupContext,
    ],
  ])('%s', (_what, resource, operations, context) => {
    expect(ours(resource(), operations, context)).toEqual(oracle(resource(), operations));
  });

  it('on the operations diffResources produces for Groups', () => {
    fc.assert(
      fc.property(groupPairArbitrary(), fc.boolean(), ([from, to], valuePathFilters) => {
        const operations = diffResources(from, to, { ...groupContext, valuePathFilters });
        expect(ours(from, operations, groupContext)).toEqual(oracle(from, operations));
      }),
      { numRuns: 200 },
    );
  });

  // Whole-attribute mode only: scim-patch ignores `value` filters on simple multi-valued
  // attributes (`tags[value eq "red"]`), which RFC 7644 §3.5.2.2 covers.
  it('on the operations diffResources produces for Users (values never primary)', () => {
    fc.assert(
      fc.property(userPairArbitrary({ primary: false }), ([from, to]) => {
        const operations = diffResources(from, to, { ...userContext, valuePathFilters: false });
        expect(ours(from, operations, userContext)).toEqual(oracle(from, operations));
      }),
      { numRuns: 200 },
    );
  });
});

describe('where scim-patch departs from RFC 7644, applyPatch follows the RFC', () => {
  const replaceUnmatched: PatchOperation[] = [
    { op: 'replace', path: 'emails[type eq "other"].value', value: 'o@example.com' },
  ];

  it('replace through a filter that matches nothing: scim-patch adds a value, the RFC requires noTarget', () => {
    const byOracle = oracle(sampleUser(), replaceUnmatched) as { emails: unknown[] };
    expect(byOracle.emails).toHaveLength(3);
    const error = scimErrorOf(() => applyPatch(sampleUser(), replaceUnmatched, userContext));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('noTarget');
  });

  it('add of a value already present: scim-patch duplicates it, the RFC says no change', () => {
    const add: PatchOperation[] = [
      { op: 'add', path: 'emails', value: [{ value: 'babs@jensen.org', type: 'home' }] },
    ];
    expect((oracle(sampleUser(), add) as { emails: unknown[] }).emails).toHaveLength(3);
    const { resource, changed } = applyPatch(sampleUser(), add, userContext);
    expect(changed).toBe(false);
    expect(resource.emails).toEqual(sampleUser().emails);
  });
});
