import { runLdapStage, type LdapStageRequest, type LdapStageResult } from './ldap-bench-stages.js';

/** Message a stage process sends back: its result, or why it failed. */
export type LdapStageMessage = { readonly result: LdapStageResult } | { readonly error: string };

/**
 * Entry point of a child process that runs one stage of the LDAP benchmark (see
 * ldap-benchmarks.ts). The request arrives over the IPC channel rather than on the command
 * line, so the directory's password never shows in the process list; the result goes back the
 * same way. Alone in its process, the stage's peak RSS is the process's.
 */
const send = (message: LdapStageMessage) =>
  new Promise<void>((resolve) => process.send!(message, () => resolve()));

process.once('message', (request: LdapStageRequest) => {
  void (async () => {
    try {
      await send({ result: await runLdapStage(request) });
    } catch (error) {
      await send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exitCode = 1;
    }
    // The IPC channel would keep this process alive.
    process.disconnect();
  })();
});
