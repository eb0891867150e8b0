import { readFile } from 'node:fs/promises';
import type { HubStore } from '@idsync/core';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '@idsync/scim';

interface DemoDirectory {
  readonly users: readonly { userName: string; givenName: string; familyName: string; title?: string }[];
  readonly groups: readonly { displayName: string; members: readonly string[] }[];
}

/**
 * Puts the quickstart's demo users and groups in the hub — once: a hub that already has users
 * (a restart, or a user's own data) is left alone. Returns how many were added.
 */
export async function seedDemoDirectory(
  hub: HubStore,
  file: string,
): Promise<{ users: number; groups: number }> {
  if ((await hub.count('User')) > 0) return { users: 0, groups: 0 };
  const demo = JSON.parse(await readFile(file, 'utf8')) as DemoDirectory;
  const population = await hub.defaultPopulation();
  const ids = new Map<string, string>();
  for (const user of demo.users) {
    const created = await hub.create('User', population.id, {
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: user.userName,
      displayName: `${user.givenName} ${user.familyName}`,
      name: { givenName: user.givenName, familyName: user.familyName },
      emails: [{ value: user.userName, type: 'work', primary: true }],
      ...(user.title ? { title: user.title } : {}),
      active: true,
    });
    ids.set(user.userName, created.id);
  }
  for (const group of demo.groups) {
    await hub.create('Group', population.id, {
      schemas: [GROUP_SCHEMA],
      displayName: group.displayName,
      members: group.members.flatMap((userName) =>
        ids.has(userName) ? [{ value: ids.get(userName)!, type: 'User' }] : [],
      ),
    });
  }
  return { users: demo.users.length, groups: demo.groups.length };
}
