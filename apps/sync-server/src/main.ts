#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { serve } from './server/serve.js';

/**
 * `node apps/sync-server/dist/main.js --config idsync.yaml`: the sync server as a process.
 * The CLI's `idsync serve` does the same.
 */
const { values } = parseArgs({
  options: { config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } },
  allowPositionals: false,
});
if (values.help) {
  process.stdout.write(
    'Usage: idsync-server [--config idsync.yaml]\n  The config file defaults to IDSYNC_CONFIG or ./idsync.yaml.\n',
  );
  process.exit(0);
}
const code = await serve({ configFile: values.config ?? process.env.IDSYNC_CONFIG ?? 'idsync.yaml' });
process.exit(code);
