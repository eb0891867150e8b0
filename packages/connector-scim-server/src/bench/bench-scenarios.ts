import type { AutocannonRequest } from 'autocannon';
import { PATCH_OP_URN, USER_SCHEMA } from '@idsync/scim';

/** Users of the seeded directory the load picks from. */
export interface BenchSample {
  readonly userIds: readonly string[];
  readonly userNames: readonly string[];
  /** Fragments for `userName co`, each matching a few dozen to a few hundred users. */
  readonly coFragments: readonly string[];
}

/** One measured request mix: autocannon cycles through `requests`. */
export interface BenchScenario {
  readonly name: string;
  readonly description: string;
  readonly requests: AutocannonRequest[];
}

/** Cycles through a list with a stride co-prime to its length, so consecutive requests spread out. */
function cycle<T>(items: readonly T[]): () => T {
  let index = 0;
  const stride = 7919;
  return () => {
    index = (index + stride) % items.length;
    return items[index]!;
  };
}

const filterPath = (filter: string, extra = '') =>
  `/scim/v2/Users?filter=${encodeURIComponent(filter)}${extra}`;

/**
 * The five request kinds the issue asks figures for: GET by id, `userName eq`, a `co` filter
 * with paging, POST and PATCH. Each request picks another user (or creates a new unique one),
 * so caches of a single row do not flatter the figures.
 */
export function benchScenarios(sample: BenchSample, runId: string): BenchScenario[] {
  const nextId = cycle(sample.userIds);
  const nextName = cycle(sample.userNames);
  const nextFragment = cycle(sample.coFragments);
  const patchTarget = cycle(sample.userIds);
  let created = 0;
  let patched = 0;
  let page = 0;
  return [
    {
      name: 'get-by-id',
      description: 'GET /Users/{id}',
      requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/scim/v2/Users/${nextId()}` }) }],
    },
    {
      name: 'filter-username-eq',
      description: 'GET /Users?filter=userName eq "…"',
      requests: [
        { method: 'GET', setupRequest: (r) => ({ ...r, path: filterPath(`userName eq "${nextName()}"`) }) },
      ],
    },
    {
      name: 'filter-co-paged',
      description: 'GET /Users?filter=userName co "…"&startIndex=…&count=20',
      requests: [
        {
          method: 'GET',
          setupRequest: (r) => ({
            ...r,
            path: filterPath(
              `userName co "${nextFragment()}"`,
              `&startIndex=${1 + ((page++ * 20) % 60)}&count=20`,
            ),
          }),
        },
      ],
    },
    {
      name: 'post-user',
      description: 'POST /Users',
      requests: [
        {
          method: 'POST',
          setupRequest: (r) => {
            const userName = `bench.${runId}.${created++}@example.net`;
            return {
              ...r,
              path: '/scim/v2/Users',
              body: JSON.stringify({
                schemas: [USER_SCHEMA],
                userName,
                name: { givenName: 'Bench', familyName: `User ${created}` },
                emails: [{ value: userName, type: 'work', primary: true }],
                active: true,
              }),
            };
          },
        },
      ],
    },
    {
      name: 'patch-user',
      description: 'PATCH /Users/{id} (replace title, add a phone number)',
      requests: [
        {
          method: 'PATCH',
          setupRequest: (r) => ({
            ...r,
            path: `/scim/v2/Users/${patchTarget()}`,
            body: JSON.stringify({
              schemas: [PATCH_OP_URN],
              Operations: [
                { op: 'replace', path: 'title', value: `Title ${patched++}` },
                {
                  op: 'replace',
                  path: 'phoneNumbers',
                  value: [{ value: `+1-555-${patched}`, type: 'work' }],
                },
              ],
            }),
          }),
        },
      ],
    },
  ];
}
