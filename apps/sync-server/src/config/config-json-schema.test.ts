import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { renderConfigSchema, SCHEMA_FILE } from '../write-config-schema.js';

describe('the published JSON Schema', () => {
  it('is the one the zod schema generates (run `npm run schema` in apps/sync-server after changing the config)', async () => {
    expect(JSON.parse(await readFile(SCHEMA_FILE, 'utf8'))).toEqual(JSON.parse(renderConfigSchema()));
  });

  it('describes connections, rules and their closed sets of keys', () => {
    const schema = JSON.parse(renderConfigSchema()) as {
      properties: Record<string, { items?: { required?: string[]; additionalProperties?: boolean } }>;
      additionalProperties: boolean;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.connections?.items?.required).toEqual(
      expect.arrayContaining(['name', 'connector']),
    );
    expect(schema.properties.rules?.items?.required).toEqual(
      expect.arrayContaining(['name', 'direction', 'connection', 'objectType', 'mappings']),
    );
    expect(schema.properties.rules?.items?.additionalProperties).toBe(false);
  });
});
