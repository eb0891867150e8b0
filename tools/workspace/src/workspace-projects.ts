import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { workspaceRoot } from './workspace-root.js';

export interface WorkspaceProject {
  /** Folder relative to the workspace root, e.g. `packages/scim`. */
  readonly path: string;
  readonly folderName: string;
  readonly manifest: { name: string; nx?: { tags?: string[] }; [key: string]: unknown };
}

/** Every npm workspace of the monorepo, found the way npm finds them (the `workspaces` globs). */
export function listWorkspaceProjects(): WorkspaceProject[] {
  const rootManifest = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8'));
  const projects: WorkspaceProject[] = [];
  for (const pattern of rootManifest.workspaces as string[]) {
    const parent = join(workspaceRoot, pattern.replace(/\/\*$/, ''));
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      const manifestPath = join(parent, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifestPath)) continue;
      projects.push({
        path: relative(workspaceRoot, join(parent, entry.name)),
        folderName: entry.name,
        manifest: JSON.parse(readFileSync(manifestPath, 'utf8')),
      });
    }
  }
  return projects;
}
