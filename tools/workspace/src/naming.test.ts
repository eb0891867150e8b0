import { describe, expect, it } from '@jest/globals';
import { listWorkspaceProjects } from './workspace-projects.js';

const projects = listWorkspaceProjects();

describe('workspace layout', () => {
  it('finds the projects', () => {
    expect(projects.map((p) => p.path)).toEqual(expect.arrayContaining(['packages/scim', 'tools/workspace']));
  });

  it.each(projects.map((p) => [p.path, p] as const))(
    '%s is named @idsync/<folder name>',
    (_path, project) => {
      expect(project.manifest.name).toBe(`@idsync/${project.folderName}`);
    },
  );

  it.each(projects.map((p) => [p.path, p] as const))('%s carries exactly one type: tag', (_path, project) => {
    const typeTags = (project.manifest.nx?.tags ?? []).filter((tag) => tag.startsWith('type:'));
    expect(typeTags).toHaveLength(1);
  });
});
