import { isScimError, ScimError } from '@idsync/scim';
import type { ScimServerLimits } from '../scim-server-options.js';

/** What an error becomes on the wire, and whether it is a fault of ours worth logging. */
export interface MappedError {
  readonly error: ScimError;
  readonly unexpected: boolean;
}

const codeOf = (error: unknown): string | undefined =>
  error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined;

const statusOf = (error: unknown): number | undefined => {
  const status =
    error && typeof error === 'object' ? (error as { statusCode?: unknown }).statusCode : undefined;
  return typeof status === 'number' ? status : undefined;
};

/**
 * Turns anything thrown while serving a request — our ScimErrors, fastify's own errors (body
 * too large, unsupported media type, malformed JSON), anything else — into a ScimError, so
 * every answer carries a SCIM error body. Unknown failures become a 500 whose detail says
 * nothing about internals; the caller logs the original.
 */
export function toScimError(error: unknown, limits: ScimServerLimits): MappedError {
  if (isScimError(error)) return { error, unexpected: error.status >= 500 };
  const code = codeOf(error);
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        error: new ScimError(
          413,
          undefined,
          `The request body is too large: this server accepts up to ${limits.maxBodyBytes} bytes (${limits.bulkMaxPayloadBytes} for /Bulk).`,
        ),
        unexpected: false,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        error: new ScimError(
          415,
          undefined,
          'Send the request body as application/scim+json or application/json.',
        ),
        unexpected: false,
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        error: ScimError.invalidSyntax('The request body is empty; send a JSON object.'),
        unexpected: false,
      };
    case 'FST_ERR_NOT_FOUND':
      return { error: ScimError.notFound('No SCIM endpoint at this path.'), unexpected: false };
  }
  if (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (status === 400 && !code)) {
    return {
      error: ScimError.invalidSyntax(`The request body is not valid JSON: ${message}`),
      unexpected: false,
    };
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return {
      error: new ScimError(status, status === 400 ? 'invalidSyntax' : undefined, message),
      unexpected: false,
    };
  }
  return {
    error: new ScimError(
      500,
      undefined,
      'The request failed on an internal error; it has been logged. Retry later.',
    ),
    unexpected: true,
  };
}
