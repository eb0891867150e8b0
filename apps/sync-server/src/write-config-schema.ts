import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from './config/config-json-schema.js';

/** `npm run schema` in apps/sync-server: regenerates the published JSON Schema of the config file. */
export const SCHEMA_FILE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../schema/idsync-config.schema.json',
);

export function renderConfigSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeFile(SCHEMA_FILE, renderConfigSchema());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
