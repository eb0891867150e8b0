import { z } from 'zod';
import { configSchema } from './config-schema.js';

/**
 * The JSON Schema of the config file, generated from the zod schema (what the file may contain,
 * before defaults), so editors complete and check `idsync.yaml`. The committed copy in
 * `schema/idsync-config.schema.json` is checked against this by a test.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://idsync.dev/schema/idsync-config.schema.json',
    title: 'idsync configuration',
    description:
      'The config file of the idsync sync server: connections, rules, server, store and schedules. Write ${VAR} to take a value from the environment.',
  };
}
