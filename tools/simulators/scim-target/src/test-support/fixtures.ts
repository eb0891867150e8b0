import { GROUP_SCHEMA, PATCH_OP_URN, USER_SCHEMA } from '@idsync/scim';

/** A user every profile accepts (AWS needs displayName and both name parts). */
export function userBody(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    userName,
    displayName: `${userName} display`,
    name: { givenName: 'Given', familyName: userName },
    emails: [{ value: `${userName}@example.com`, type: 'work', primary: true }],
    active: true,
    ...extra,
  };
}

export function groupBody(displayName: string, memberIds: readonly string[] = []): Record<string, unknown> {
  return { schemas: [GROUP_SCHEMA], displayName, members: memberIds.map((value) => ({ value })) };
}

export function patchBody(...operations: Record<string, unknown>[]): Record<string, unknown> {
  return { schemas: [PATCH_OP_URN], Operations: operations };
}

/** A clock tests move by hand, so expiry and rate windows need no waiting. */
export function manualClock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}
