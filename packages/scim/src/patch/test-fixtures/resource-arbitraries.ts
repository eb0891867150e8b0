import fc from 'fast-check';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '../../schema/urns.js';
import { TEST_EXTENSION } from './test-registry.js';

type Json = Record<string, unknown>;

/** Drops keys whose value fast-check generated as "absent". */
function compact(record: Record<string, unknown>): Json {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

const word = fc.constantFrom(
  'Ann',
  'Bob',
  'Cy',
  'Dee',
  'Eve',
  'Fox',
  'Gil',
  "O'Neil",
  'Zoë',
  'a "quoted" name',
  'back\\slash',
);
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

/**
 * A list of values of a complex multi-valued attribute: unique by `value` without regard to case
 * (so no two are the same value by the schema's rules), at most one primary.
 */
function valueList(
  values: fc.Arbitrary<string>,
  types: readonly string[],
  withPrimary: boolean,
): fc.Arbitrary<Json[]> {
  const element = fc.record({
    value: values,
    type: optional(fc.constantFrom(...types)),
    display: optional(word),
  });
  return fc
    .tuple(
      fc.uniqueArray(element, { maxLength: 4, selector: (e) => e.value.toLowerCase() }),
      fc.option(fc.nat(3), { nil: undefined }),
      fc.boolean(),
    )
    .map(([elements, primaryIndex, explicitFalse]) =>
      elements.map((e, index) => {
        const result = compact(e);
        if (withPrimary && primaryIndex === index) result.primary = true;
        else if (withPrimary && explicitFalse && index % 2 === 1) result.primary = false;
        return result;
      }),
    );
}

const email = fc.constantFrom(
  'a@example.com',
  'A@Example.com',
  'b@example.com',
  'c@example.org',
  'd@example.net',
  'e"q@example.com',
);
const phone = fc.constantFrom('+1 555 0100', '+1 555 0101', '+44 20 7946 0000', '555-0199');
const tag = fc.constantFrom('red', 'green', 'blue', 'cyan', 'x y');
const code = fc.constantFrom('AB', 'ab', 'Cd', 'EF');

export interface UserArbitraryOptions {
  /** Whether values may be primary (scim-patch, used as an oracle, does not keep primary unique). */
  readonly primary?: boolean;
}

/** The writable part of a User: core, enterprise and test-extension attributes. */
function writableUser(options: UserArbitraryOptions): fc.Arbitrary<Json> {
  const primary = options.primary ?? true;
  const enterprise = fc
    .record({
      employeeNumber: optional(fc.constantFrom('1', '2', '701984')),
      department: optional(word),
      costCenter: optional(fc.constantFrom('4130', '77')),
      manager: optional(
        fc.record({ value: fc.constantFrom('m1', 'm2', 'M1'), displayName: optional(word) }).map(compact),
      ),
    })
    .map(compact);
  const testExtension = fc
    .record({
      tags: optional(fc.uniqueArray(tag, { minLength: 1, maxLength: 4 })),
      codes: optional(fc.uniqueArray(code, { minLength: 1, maxLength: 4 })),
      hireDate: optional(fc.constantFrom('2024-01-02T03:04:05Z', '2023-12-31T23:00:00Z')),
      contractor: optional(fc.boolean()),
      rate: optional(fc.constantFrom(1.5, 2, 99.25)),
    })
    .map(compact);
  return fc
    .record({
      userName: fc.constantFrom('bjensen', 'BJensen', 'jsmith'),
      externalId: optional(fc.constantFrom('701984', 'x-1')),
      displayName: optional(word),
      nickName: optional(word),
      title: optional(word),
      active: optional(fc.boolean()),
      name: optional(
        fc
          .record({ givenName: optional(word), familyName: optional(word), middleName: optional(word) })
          .map(compact),
      ),
      emails: optional(valueList(email, ['work', 'home', 'other'], primary)),
      phoneNumbers: optional(valueList(phone, ['work', 'mobile'], primary)),
      addresses: optional(
        fc.uniqueArray(
          fc.record({ type: fc.constantFrom('work', 'home'), locality: optional(word) }).map(compact),
          { maxLength: 2, selector: (a) => a.type },
        ),
      ),
      enterprise: optional(enterprise),
      testExtension: optional(testExtension),
    })
    .map(({ enterprise: ent, testExtension: ext, ...core }) => {
      const user: Json = compact(core);
      const schemas = [USER_SCHEMA];
      if (ent && Object.keys(ent).length > 0) {
        user[ENTERPRISE_USER_SCHEMA] = ent;
        schemas.push(ENTERPRISE_USER_SCHEMA);
      }
      if (ext && Object.keys(ext).length > 0) {
        user[TEST_EXTENSION] = ext;
        schemas.push(TEST_EXTENSION);
      }
      return { schemas, ...user };
    });
}

/** readOnly parts the service provider owns; they differ freely between the two sides. */
const readOnlyParts = fc.record({
  id: fc.uuid(),
  meta: fc.record({ resourceType: fc.constant('User'), version: fc.constantFrom('W/"1"', 'W/"2"') }),
  groups: optional(fc.array(fc.record({ value: fc.uuid(), display: word }), { minLength: 1, maxLength: 2 })),
});

/**
 * A pair of User resources (from, to). Immutable values are kept: `badgeNumber` of `to` is that
 * of `from` when `from` has one, since no PATCH may change it.
 */
export function userPairArbitrary(options: UserArbitraryOptions = {}): fc.Arbitrary<[Json, Json]> {
  const user = fc
    .tuple(writableUser(options), readOnlyParts)
    .map(([writable, readOnly]) => compact({ ...writable, ...readOnly }));
  return fc
    .tuple(user, user, optional(fc.integer({ min: 1, max: 999 })), optional(fc.integer({ min: 1, max: 999 })))
    .map(([from, to, badgeFrom, badgeTo]) => {
      const badge = badgeFrom ?? badgeTo;
      return [withBadge(from, badgeFrom), withBadge(to, badge)];
    });
}

function withBadge(user: Json, badge: number | undefined): Json {
  if (badge === undefined) return user;
  const extension = { ...((user[TEST_EXTENSION] as Json | undefined) ?? {}), badgeNumber: badge };
  const schemas = (user.schemas as string[]).includes(TEST_EXTENSION)
    ? user.schemas
    : [...(user.schemas as string[]), TEST_EXTENSION];
  return { ...user, schemas, [TEST_EXTENSION]: extension };
}

const memberId = fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'g1', 'U1', 'quote"id');

/** A pair of Group resources with overlapping members. */
export function groupPairArbitrary(): fc.Arbitrary<[Json, Json]> {
  const member = fc
    .record({ value: memberId, display: optional(word), type: optional(fc.constantFrom('User', 'Group')) })
    .map(compact);
  const group = fc
    .record({
      id: fc.uuid(),
      displayName: word,
      externalId: optional(fc.constantFrom('e1', 'e2')),
      members: optional(
        fc.uniqueArray(member, { maxLength: 6, selector: (m) => String(m.value).toLowerCase() }),
      ),
    })
    .map((g) => ({ schemas: [GROUP_SCHEMA], ...compact(g) }));
  return fc.tuple(group, group);
}
