import { ConfigError } from '@idsync/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { zodIssuesToConfigIssues } from '../config/zod-issues.js';
import { ConflictError, NotFoundError, StoppingError } from '../engine/engine-errors.js';

/** The admin API's error body: a sentence to act on, and the config issues when a definition was refused. */
export interface ApiErrorBody {
  readonly error: string;
  readonly issues?: readonly { key: string; problem: string; fix: string }[];
}

/** Parses a request body with a config schema; a bad body answers 400 with config-style issues. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success)
    throw new ConfigError(zodIssuesToConfigIssues(parsed.error.issues, schema, body), 'the request body');
  return parsed.data;
}

/** A PUT whose body names another object than its URL: names are ids and cannot change (HTTP 400). */
export function renameRefused(what: 'connection' | 'rule'): ConfigError {
  return new ConfigError(
    [
      {
        key: 'name',
        problem: 'differs from the name in the URL.',
        fix: `A ${what} cannot be renamed: create one with the new name and delete the old one.`,
      },
    ],
    'the request body',
  );
}

/** Maps the errors the engine and catalog throw to HTTP answers; anything else is a 500 with no detail leaked. */
export function sendApiError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ConfigError) {
    return reply
      .code(400)
      .send({ error: 'The definition is not valid.', issues: error.issues } satisfies ApiErrorBody);
  }
  if (error instanceof NotFoundError) return reply.code(404).send({ error: error.message });
  if (error instanceof ConflictError) return reply.code(409).send({ error: error.message });
  if (error instanceof StoppingError) return reply.code(503).send({ error: error.message });
  const fastifyError = error as FastifyError;
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return reply.code(fastifyError.statusCode).send({ error: fastifyError.message });
  }
  request.log.error({ err: error }, 'admin API request failed');
  return reply.code(500).send({ error: 'Internal error; the server log has the details.' });
}
