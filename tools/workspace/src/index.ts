export { workspaceRoot } from './workspace-root.js';
export { listWorkspaceProjects, type WorkspaceProject } from './workspace-projects.js';
