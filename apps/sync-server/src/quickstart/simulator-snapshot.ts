import { readFile, rename, writeFile } from 'node:fs/promises';
import type { ScimTarget } from '@idsync/scim-target';

interface Snapshot {
  readonly users: readonly Record<string, unknown>[];
  readonly groups: readonly Record<string, unknown>[];
}

/**
 * The simulator keeps its users in memory; the hub's links to them live on disk. Saving the
 * simulator's contents next to the hub and restoring them at the next start keeps the two in
 * step across restarts of the quickstart, as a real target would be.
 */
export async function restoreSimulator(target: ScimTarget, file: string): Promise<number> {
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(await readFile(file, 'utf8')) as Snapshot;
  } catch {
    return 0;
  }
  for (const user of snapshot.users) target.store.users.seed(user as never);
  for (const group of snapshot.groups) target.store.groups.seed(group as never);
  return snapshot.users.length + snapshot.groups.length;
}

export async function saveSimulator(target: ScimTarget, file: string): Promise<void> {
  const strip = ({ meta: _meta, groups: _groups, ...rest }: Record<string, unknown>) => rest;
  const snapshot: Snapshot = {
    users: target.store.users.all().map((r) => strip(r as Record<string, unknown>)),
    groups: target.store.groups.all().map((r) => strip(r as Record<string, unknown>)),
  };
  await writeFile(`${file}.tmp`, JSON.stringify(snapshot));
  await rename(`${file}.tmp`, file);
}
