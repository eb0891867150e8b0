import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, PATCH_OP_URN, USER_SCHEMA } from '@idsync/scim';

/** A SCIM 2.0 user body with a work email; `extra` overrides or adds attributes. */
export function userBody(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: 'Test', familyName: userName },
    emails: [{ value: `${userName}@example.com`, type: 'work', primary: true }],
    active: true,
    ...extra,
  };
}

export function enterpriseUserBody(userName: string, department: string): Record<string, unknown> {
  return {
    ...userBody(userName),
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    [ENTERPRISE_USER_SCHEMA]: { department, employeeNumber: `E-${userName}` },
  };
}

export function groupBody(displayName: string, memberIds: readonly string[] = []): Record<string, unknown> {
  return {
    schemas: [GROUP_SCHEMA],
    displayName,
    ...(memberIds.length > 0 ? { members: memberIds.map((value) => ({ value })) } : {}),
  };
}

export function patchBody(...operations: Record<string, unknown>[]): Record<string, unknown> {
  return { schemas: [PATCH_OP_URN], Operations: operations };
}
