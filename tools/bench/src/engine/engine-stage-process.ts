import { openBenchStore } from './bench-store.js';
import { runStage, type StageRequest } from './engine-stages.js';
import type { StageMessage } from './run-engine-case.js';

/**
 * Entry point of a child process that runs one stage of an engine benchmark case (see
 * run-engine-case.ts): the request comes as JSON in the first argument, the result goes back
 * over the IPC channel. A stage alone in its process makes the operating system's peak RSS
 * of the process the peak of that stage, not of whatever ran before it.
 */
async function main(): Promise<void> {
  const send = (message: StageMessage) =>
    new Promise<void>((resolve) => process.send!(message, () => resolve()));
  try {
    const request = JSON.parse(process.argv[2] ?? '') as StageRequest;
    const store = await openBenchStore(request.location);
    try {
      await send({ result: await runStage(store, request) });
    } finally {
      await store.close();
    }
  } catch (error) {
    await send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
  }
  // The IPC channel would keep this process alive.
  process.disconnect();
}

await main();
