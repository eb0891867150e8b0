import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimResource } from '@idsync/scim';
import { DEPARTMENTS, DOMAINS, FAMILY, GIVEN } from '../sample-directory-values.js';
import { seededRandom } from '../seeded-random.js';

/**
 * The hub id of the user at `index`: a fixed UUID, so the same run on two machines reads the
 * directory in the same (id) order and the incremental cases can name their users up front.
 */
export function benchHubId(index: number): string {
  const hex = index.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

/** One hub user as the identity source would write it: core attributes plus the enterprise extension. */
export interface BenchHubUser {
  readonly index: number;
  readonly id: string;
  readonly resource: ScimResource;
}

/**
 * The directory in batches of `batchSize`, generated on the fly: a million users never sit in
 * memory at once, so the load measures the store, not the generator's garbage. Every user is
 * active, so a plan against an empty target is exactly one create per user.
 */
export function* benchHubUsers(count: number, batchSize: number, seed = 7): Generator<BenchHubUser[]> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  for (let start = 0; start < count; start += batchSize) {
    const batch: BenchHubUser[] = [];
    for (let index = start; index < Math.min(count, start + batchSize); index++) {
      const given = pick(GIVEN);
      const family = pick(FAMILY);
      const userName = `${given}.${family}.${index}@${pick(DOMAINS)}`.toLowerCase();
      const id = benchHubId(index);
      batch.push({
        index,
        id,
        resource: {
          schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
          id,
          externalId: `EMP${1_000_000 + index}`,
          userName,
          name: { givenName: given, familyName: family, formatted: `${given} ${family}` },
          displayName: `${given} ${family}`,
          active: true,
          title: random() > 0.5 ? 'Engineer' : 'Manager',
          emails: [{ value: userName, type: 'work', primary: true }],
          phoneNumbers: [{ value: `+1-555-${String(index % 10_000).padStart(4, '0')}`, type: 'work' }],
          [ENTERPRISE_USER_SCHEMA]: {
            employeeNumber: String(1_000_000 + index),
            department: pick(DEPARTMENTS),
            costCenter: `CC-${Math.floor(random() * 50)}`,
          },
        },
      });
    }
    yield batch;
  }
}
