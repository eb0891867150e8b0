import { ScimError } from '@idsync/scim';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { redactBody } from '../log/redact-secrets.js';
import { requestState } from './request-state.js';

const FORM = 'application/x-www-form-urlencoded';

function parseText(text: string, contentType: string): unknown {
  if (text.trim() === '') return undefined;
  if (contentType.startsWith(FORM)) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (/json/i.test(contentType)) {
      throw ScimError.invalidSyntax(`The request body is not valid JSON: ${(error as Error).message}.`);
    }
    return text;
  }
}

/**
 * One body parser for every content type: `application/scim+json`, `application/json` and —
 * leniently, as real targets do — JSON sent with another or no media type; form-encoded bodies
 * for the token endpoint. An empty body is no body (clients send `Content-Type` on DELETE).
 * Each body is recorded in the request log as received (credentials redacted), including text
 * that failed to parse.
 */
export function registerBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request: FastifyRequest, body, done) => {
    const text = String(body);
    const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
    const state = requestState(request.raw);
    try {
      const parsed = parseText(text, contentType);
      if (state) state.entry.body = redactBody(parsed);
      done(null, parsed);
    } catch (error) {
      if (state) state.entry.body = text;
      done(error as Error, undefined);
    }
  });
}
