import { existsSync, realpathSync } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { CliError } from '../backend/backend.js';
import type { CliIo } from '../cli-io.js';

/**
 * Where the published JSON Schema is, relative to the new file, for the editor hint on line 1.
 * Looked up in the node_modules folders Node would search, so it works built or not.
 */
function schemaReference(file: string): string {
  const folders = createRequire(import.meta.url).resolve.paths('@idsync/sync-server') ?? [];
  for (const folder of folders) {
    const schema = join(folder, '@idsync/sync-server/schema/idsync-config.schema.json');
    if (existsSync(schema)) return relative(dirname(file), realpathSync(schema)).split('\\').join('/');
  }
  return 'idsync-config.schema.json';
}

export function starterConfig(schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}
#
# idsync configuration. Values written \${VAR} come from the environment (keep secrets there).
# Check it with \`idsync validate\`; see what it would do with \`idsync plan\`.

server:
  # host: 127.0.0.1        # HOST wins
  # port: 8080             # PORT wins
  adminToken: \${IDSYNC_ADMIN_TOKEN}
  logLevel: info
  scim:
    clients:
      # An identity provider that pushes users and groups into the hub at /scim/v2.
      - id: my-idp
        bearerTokens: ['\${SCIM_INBOUND_TOKEN}']

store: {}
  # dataDir: ./data        # embedded PGlite (default; IDSYNC_DATA_DIR wins)
  # databaseUrl: \${DATABASE_URL}   # PostgreSQL instead

schedules:
  outboundChanges: 5s      # push hub changes out
  inboundPoll: 1m          # poll sources for changes
  fullReconciliation: 1d   # compare everything

connections:
  - name: saas-app
    displayName: A SCIM 2.0 application
    connector: scim
    config:
      baseUrl: \${SAAS_SCIM_URL}
      authMethod: oauth-bearer
      bearerToken: \${SAAS_SCIM_TOKEN}
    preferences:
      removeAction: disable          # or delete
      deprovisionOnRuleDeletion: false
    deletionGuard:
      maxShare: 0.1                  # a run removing more than 10 % waits for approval
      maxCount: 500

rules:
  - name: users-to-saas
    direction: outbound
    connection: saas-app
    objectType: User
    scope:
      filter: active eq true
    mappings:
      - { target: userName, kind: direct, source: userName }
      - { target: displayName, kind: direct, source: displayName }
      - { target: name.givenName, kind: direct, source: name.givenName }
      - { target: name.familyName, kind: direct, source: name.familyName }
      - { target: 'emails[type eq "work"].value', kind: direct, source: 'emails[type eq "work"].value' }
      - { target: active, kind: direct, source: active, defaultIfEmpty: true }
`;
}

/** `idsync init [file]`: writes a starter config; never overwrites without --force. */
export async function initCommand(io: CliIo, target: string | undefined, force: boolean): Promise<number> {
  const file = resolve(io.cwd, target ?? 'idsync.yaml');
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (exists && !force) throw new CliError(`${file} exists; pass --force to replace it.`, 1);
  await writeFile(file, starterConfig(schemaReference(file)));
  io.stdout.write(
    `Wrote ${file}.\nNext: set the variables it names (IDSYNC_ADMIN_TOKEN, SCIM_INBOUND_TOKEN, SAAS_SCIM_URL, SAAS_SCIM_TOKEN), then\n  idsync validate\n  idsync plan\n  idsync serve\n`,
  );
  return 0;
}
