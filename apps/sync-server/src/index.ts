export * from './config/config-schema.js';
export {
  loadConfigFile,
  loadServerConfig,
  parseConfigText,
  type LoadConfigOptions,
} from './config/load-config.js';
export { ConfigFileError, type LocatedIssue } from './config/config-file-error.js';
export { interpolateEnv } from './config/interpolate-env.js';
export { parseDuration, formatDuration } from './config/duration.js';
export { configJsonSchema } from './config/config-json-schema.js';
export { Catalog, SECRET_PLACEHOLDER, type PendingDeletion } from './catalog/catalog.js';
export { CatalogError } from './catalog/catalog-error.js';
export { createConnectorRegistry, installedConnectorModules } from './connectors/installed-connectors.js';
export {
  SyncEngine,
  type RunResult,
  type SyncRequest,
  type Direction,
  type ConnectionStatus,
} from './engine/sync-engine.js';
export { NotFoundError, ConflictError, StoppingError } from './engine/engine-errors.js';
export { toPlanEntry, presentPlan, type PlanEntry, type PlanRun } from './http/admin/present-plan.js';
export { startSyncServer, type RunningServer, type StartOptions } from './server/start-sync-server.js';
export {
  resolveRuntimeSettings,
  DEFAULT_PORT,
  DEFAULT_HOST,
  DEFAULT_DATA_DIR,
  type RuntimeSettings,
} from './server/runtime-settings.js';
export { serve, type ServeOptions } from './server/serve.js';
export { Scheduler } from './scheduler/scheduler.js';
