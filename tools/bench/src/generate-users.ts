import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimResource } from '@idsync/scim';
import { DEPARTMENTS, DOMAINS, FAMILY, GIVEN } from './sample-directory-values.js';
import { seededRandom } from './seeded-random.js';

/** Builds `count` realistic, deterministic SCIM users (core + enterprise extension). */
export function generateUsers(count: number, seed = 42): ScimResource[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const users: ScimResource[] = [];
  const base = Date.UTC(2020, 0, 1);
  for (let i = 0; i < count; i++) {
    const given = pick(GIVEN);
    const family = pick(FAMILY);
    const domain = pick(DOMAINS);
    const userName = `${given}.${family}.${i}@${domain}`.toLowerCase();
    const modified = new Date(base + Math.floor(random() * 5 * 365 * 86_400_000)).toISOString();
    users.push({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      id: `u-${i.toString(16).padStart(8, '0')}`,
      externalId: `EMP${100000 + i}`,
      userName,
      name: { givenName: given, familyName: family, formatted: `${given} ${family}` },
      displayName: `${given} ${family}`,
      active: random() > 0.1,
      title: random() > 0.5 ? 'Engineer' : 'Manager',
      emails: [
        { value: userName, type: 'work', primary: true },
        ...(random() > 0.6
          ? [{ value: `${given}${i}@home.example`.toLowerCase(), type: 'home', primary: false }]
          : []),
      ],
      phoneNumbers: [{ value: `+1-555-${String(i % 10000).padStart(4, '0')}`, type: 'work' }],
      [ENTERPRISE_USER_SCHEMA]: {
        employeeNumber: String(100000 + i),
        department: pick(DEPARTMENTS),
        costCenter: `CC-${Math.floor(random() * 50)}`,
      },
      meta: { resourceType: 'User', created: modified, lastModified: modified, version: `W/"${i}"` },
    });
  }
  return users;
}
