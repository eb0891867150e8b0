import { isScimError, ScimError } from '@idsync/scim';
import type { FastifyReply } from 'fastify';
import { AuthenticationError } from '../auth/authenticator.js';
import type { Outcome } from '../resources/target-context.js';
import type { TargetRuntime } from './target-runtime.js';

/** Sends the answer of a resource operation, as JSON in the version's media type. */
export function sendOutcome(runtime: TargetRuntime, reply: FastifyReply, outcome: Outcome): FastifyReply {
  reply.code(outcome.status).headers(outcome.headers);
  if (outcome.body === undefined) return reply.send();
  return reply
    .header('content-type', `${runtime.codec.mediaType}; charset=utf-8`)
    .send(JSON.stringify(outcome.body));
}

/** Sends an error in the profile's style (and the version's form), with any extra headers. */
export function sendScimError(
  runtime: TargetRuntime,
  reply: FastifyReply,
  error: ScimError,
  extraHeaders: Readonly<Record<string, string>> = {},
): FastifyReply {
  const rendered = runtime.profile.errorStyle.render(error, {
    version: runtime.version,
    now: runtime.clock(),
  });
  const headers: Record<string, string> = { ...rendered.headers, ...extraHeaders };
  if (error instanceof AuthenticationError) headers['www-authenticate'] = error.challenge;
  if (error.status === 405) headers.allow = 'GET, PUT, DELETE';
  return sendOutcome(runtime, reply, {
    status: rendered.status,
    headers,
    body: rendered.body,
  });
}

/**
 * Any error thrown while handling a request, as a ScimError: SCIM errors as they are, Fastify's
 * own client errors (body too large, bad content type) with their status as `invalidSyntax`,
 * and anything else as a 500 naming the cause — a simulator bug must be visible, not hidden.
 */
export function asScimError(error: unknown): ScimError {
  if (isScimError(error)) return error;
  const status = (error as { statusCode?: unknown })?.statusCode;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ScimError(status, status === 400 ? 'invalidSyntax' : undefined, message);
  }
  return new ScimError(500, undefined, `The SCIM target failed: ${message}`);
}
