import { OBJECT_TYPES } from '@idsync/core';
import { z } from 'zod';
import { durationSchema } from './duration.js';

/**
 * The one configuration file of the sync server, as a zod schema: the single definition that
 * validates the file at start, validates the admin API's bodies, and is turned into the
 * published JSON Schema editors complete against. Unknown keys are errors everywhere, so a
 * typo never silently turns a setting off.
 */

/** Connection and rule names double as their ids: in URLs, in links, in the CLI. */
export const nameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, {
    message:
      'is not a valid name. Use lower-case letters, digits, ".", "_" and "-", starting with a letter or digit (at most 63).',
  })
  .describe('Identifier: lower-case letters, digits, ".", "_" and "-".');

const scalarOrList = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

const mappingSchema = z.discriminatedUnion('kind', [
  z
    .object({
      target: z.string().min(1).describe('Attribute path on the target side, e.g. `name.givenName`.'),
      kind: z.literal('direct'),
      source: z.string().min(1).describe('Attribute path on the source side.'),
      defaultIfEmpty: scalarOrList.optional(),
      onCreateOnly: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      target: z.string().min(1),
      kind: z.literal('constant'),
      value: scalarOrList,
      onCreateOnly: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      target: z.string().min(1),
      kind: z.literal('expression'),
      expression: z
        .string()
        .min(1)
        .describe('A mapping expression, e.g. `Join(" ", [name.givenName], [name.familyName])`.'),
      defaultIfEmpty: scalarOrList.optional(),
      onCreateOnly: z.boolean().optional(),
    })
    .strict(),
]);

export const preferencesSchema = z
  .object({
    userFilterExpression: z
      .string()
      .regex(/%s/, { message: 'must contain %s, where the user identifier goes.' }),
    userIdentifier: z.string().min(1),
    customSchemaUrns: z.array(z.string()),
    membershipHandling: z.enum(['merge', 'overwrite']),
    allowCreate: z.boolean(),
    allowUpdate: z.boolean(),
    allowDisable: z.boolean(),
    allowDeprovision: z.boolean(),
    removeAction: z.enum(['disable', 'delete']),
    deprovisionOnRuleDeletion: z.boolean(),
    provisionDisabledUsers: z.boolean(),
  })
  .partial()
  .strict()
  .describe('PingOne-style connection preferences; omitted ones take the defaults.');

const deletionGuardSchema = z
  .object({
    maxShare: z.number().min(0).max(1),
    maxCount: z.number().int().min(0),
    minRemovalsForShare: z.number().int().min(0),
  })
  .partial()
  .strict()
  .describe('The deletion circuit breaker: a run beyond it waits for approval.');

const executionSchema = z
  .object({
    maxConcurrency: z.number().int().min(1),
    requestsPerSecond: z.number().positive(),
    burst: z.number().int().min(1),
    maxAttempts: z.number().int().min(1),
    quarantineAfter: z.number().int().min(1),
  })
  .partial()
  .strict();

const connectionScheduleSchema = z
  .object({
    outboundChanges: durationSchema.optional(),
    inboundPoll: durationSchema.optional(),
    fullReconciliation: durationSchema.optional(),
  })
  .strict()
  .describe('Per-connection overrides of the global schedules.');

export const connectionSchema = z
  .object({
    name: nameSchema,
    displayName: z.string().optional(),
    connector: z.string().min(1).describe('The connector plugin id: scim, ldap, reference…'),
    config: z
      .record(z.string(), z.unknown())
      .default({})
      .describe("The connector's settings (see its manifest)."),
    preferences: preferencesSchema.optional(),
    deletionGuard: deletionGuardSchema.optional(),
    execution: executionSchema.optional(),
    schedules: connectionScheduleSchema.optional(),
  })
  .strict();

export const ruleSchema = z
  .object({
    name: nameSchema,
    description: z.string().optional(),
    direction: z.enum(['inbound', 'outbound']),
    connection: nameSchema.describe('The name of the connection this rule syncs with.'),
    objectType: z.enum(OBJECT_TYPES),
    enabled: z.boolean().default(true),
    scope: z
      .object({
        populationIds: z.array(z.string()).optional(),
        groupIds: z.array(z.string()).optional(),
        filter: z.string().optional().describe('A SCIM filter over the hub object.'),
      })
      .strict()
      .default({}),
    mappings: z.array(mappingSchema).min(1, { message: 'needs at least one mapping.' }),
    populationId: z.string().optional(),
    authority: z.record(z.string(), z.enum(['hub', 'remote'])).optional(),
  })
  .strict();

const secretText = (what: string) =>
  z.string().min(16, { message: `is too short for ${what}: use at least 16 random characters.` });

const scimClientSchema = z
  .object({
    id: z.string().min(1).describe('Names the client (an IdP) in logs and the audit trail.'),
    bearerTokens: z
      .array(secretText('a bearer token'))
      .default([])
      .describe(
        'Tokens the client may present (several allow rotation). Hashed in memory at start; write them as ${VAR}.',
      ),
    basic: z
      .object({ username: z.string().min(1), password: secretText('a password') })
      .strict()
      .optional(),
    populations: z.array(z.string()).optional().describe('Population ids the client is confined to.'),
    rateLimit: z
      .object({ requestsPerSecond: z.number().positive(), burst: z.number().int().min(1).optional() })
      .strict()
      .optional(),
    meUserName: z.string().optional(),
  })
  .strict();

const scimInboundSchema = z
  .object({
    enabled: z.boolean().default(true),
    publicUrl: z
      .string()
      .url()
      .optional()
      .describe('The public origin the SCIM endpoints are reached at (behind a proxy).'),
    clients: z
      .array(scimClientSchema)
      .default([])
      .describe('The identity providers that push users and groups into the hub.'),
  })
  .strict()
  .describe('The SCIM 2.0 (/scim/v2) and 1.1 (/scim/v1) server other IdPs push into.');

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    server: z
      .object({
        host: z.string().optional().describe('Default 127.0.0.1; the HOST variable wins.'),
        port: z.number().int().min(0).max(65535).optional().describe('Default 8080; the PORT variable wins.'),
        adminToken: z
          .string()
          .min(16, { message: 'is too short: use at least 16 random characters.' })
          .optional()
          .describe('Bearer token of the admin API; default: IDSYNC_ADMIN_TOKEN.'),
        logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
        scim: scimInboundSchema.prefault({}),
        shutdownGracePeriod: durationSchema
          .prefault('30s')
          .describe(
            'On SIGTERM or SIGINT, runs are told to stop; this is how long the server then waits for the writes in flight to finish and be recorded before it closes the store anyway.',
          ),
      })
      .strict()
      .prefault({}),
    store: z
      .object({
        dataDir: z.string().optional().describe('PGlite data directory; default IDSYNC_DATA_DIR or ./data.'),
        databaseUrl: z
          .string()
          .optional()
          .describe('PostgreSQL URL; default DATABASE_URL. Wins over dataDir.'),
        schema: z.string().optional().describe('PostgreSQL schema for the tables.'),
      })
      .strict()
      .prefault({}),
    schedules: z
      .object({
        outboundChanges: durationSchema
          .prefault('5s')
          .describe('How often hub changes are pushed out (near real time).'),
        inboundPoll: durationSchema.prefault('1m').describe('How often sources are polled for changes.'),
        fullReconciliation: durationSchema
          .prefault('1d')
          .describe('How often every connection is reconciled in full.'),
      })
      .strict()
      .prefault({}),
    connections: z.array(connectionSchema).default([]),
    rules: z.array(ruleSchema).default([]),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
export type ServerConfig = z.output<typeof configSchema>;
export type ConnectionDefinition = z.output<typeof connectionSchema>;
export type ConnectionDefinitionInput = z.input<typeof connectionSchema>;
export type RuleDefinition = z.output<typeof ruleSchema>;
export type RuleDefinitionInput = z.input<typeof ruleSchema>;
