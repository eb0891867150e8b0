/**
 * Cleanups that must run even when a caller never calls stop(): an instance's slapd is killed and
 * its folder removed when the Node process exits normally. Exit handlers cannot wait, so each
 * cleanup is synchronous. (A SIGKILLed Node process runs nothing: there the kernel's
 * parent-death signal stops slapd, and only the temp folder is left behind.)
 */
const cleanups = new Set<() => void>();
let installed = false;

/** Registers `cleanup`; call the returned function once the instance has been stopped normally. */
export function runOnProcessExit(cleanup: () => void): () => void {
  if (!installed) {
    installed = true;
    process.once('exit', () => {
      for (const run of cleanups) {
        try {
          run();
        } catch {
          // Best effort: one failing cleanup must not stop the others.
        }
      }
    });
  }
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}
