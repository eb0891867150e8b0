export { startSlapd, type SlapdInstance, type StartSlapdOptions } from './server/start-slapd.js';
export type { SlapdExit } from './server/slapd-process.js';
export {
  ensureSlapdInstalled,
  DEFAULT_INSTALL_LOCK_PATH,
  type EnsureSlapdInstalledOptions,
  type SlapdTools,
} from './install/ensure-slapd-installed.js';
export type { InstallHost } from './install/install-host.js';
export type { CommandRunner, CommandResult, RunOptions } from './install/command-runner.js';
export { SlapdToolError, type SlapdToolErrorCode } from './errors/slapd-tool-error.js';
export type { LdapEntry } from './ldif/ldap-entry.js';
export { entriesToLdif } from './ldif/entries-to-ldif.js';
