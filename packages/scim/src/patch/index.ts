// Public surface of the patch module.
export type {
  ApplyPatchOptions,
  PatchContext,
  PatchOperation,
  PatchOpName,
  PatchResult,
} from './patch-operation.js';
export { normalisePatchRequest } from './normalise-patch-request.js';
export { applyPatch } from './apply-patch.js';
export { diffResources } from './diff-resources.js';
export type { DiffOptions } from './diff-options.js';
export { chunkPatchOperations, type ChunkOptions } from './chunk-patch-operations.js';
