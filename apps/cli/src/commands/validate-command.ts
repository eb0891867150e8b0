import { loadServerConfig } from '@idsync/sync-server';
import type { CliIo } from '../cli-io.js';

/** `idsync validate`: loads the config as the server would; exit 2 with every problem when it is wrong. */
export async function validateCommand(io: CliIo, file: string, json: boolean): Promise<number> {
  const { config } = await loadServerConfig(file, io.env);
  const summary = {
    file,
    valid: true,
    connections: config.connections.map((c) => c.name),
    rules: config.rules.map((r) => r.name),
  };
  io.stdout.write(
    json
      ? `${JSON.stringify(summary, null, 2)}\n`
      : `${file} is valid: ${summary.connections.length} connection(s), ${summary.rules.length} rule(s).\n`,
  );
  return 0;
}
