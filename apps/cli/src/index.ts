export { runCli, openBackend, type BackendFactory } from './run-cli.js';
export { parseCliArgs, USAGE, type CliArgs, type CommandName } from './parse-cli-args.js';
export type { Backend, ConnectionSummary, Explanation } from './backend/backend.js';
export { CliError } from './backend/backend.js';
export { RemoteBackend } from './backend/remote-backend.js';
export { LocalBackend } from './backend/local-backend.js';
export type { CliIo } from './cli-io.js';
