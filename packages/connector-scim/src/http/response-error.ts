import { ConnectorError, parseRetryAfter, type ConnectorErrorCode } from '@idsync/core';
import { ScimError } from '@idsync/scim';

/** An HTTP answer that is not a success, as the transport hands it over. */
export interface FailedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** The longest target message kept; error pages can be whole HTML documents. */
const MAX_MESSAGE_LENGTH = 500;

function codeOf(
  status: number,
  scimType: string | undefined,
  retryAfterMs: number | undefined,
): ConnectorErrorCode {
  if (status === 429) return 'rate-limited';
  // GitHub-style secondary limits answer 403 with Retry-After: a pause, not a missing permission.
  if (status === 403) return retryAfterMs !== undefined ? 'rate-limited' : 'forbidden';
  if (status === 401) return 'unauthorized';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409 || status === 412 || scimType === 'uniqueness') return 'conflict';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 405 || status === 501) return 'unsupported';
  if (status >= 500) return 'unavailable';
  return 'invalid';
}

/**
 * Keys some services use for their message that `ScimError.fromBody` does not read: AWS
 * JSON APIs (`Message`), and `{ errors: [{ message }] }` / `{ error: { message } }` styles.
 */
function messageOfOtherShapes(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['Message', 'errorMessage', 'error_message']) {
    if (typeof record[key] === 'string') return record[key];
  }
  const nested = Array.isArray(record.errors) ? record.errors[0] : record.error;
  if (nested && typeof nested === 'object') {
    const inner = nested as Record<string, unknown>;
    for (const key of ['message', 'detail', 'description'])
      if (typeof inner[key] === 'string') return inner[key];
  }
  return undefined;
}

/** The target's own message, whatever shape its error body has (2.0, 1.1, vendor JSON, plain text). */
export function readTargetMessage(status: number, text: string): { message: string; scimType?: string } {
  const scimError = ScimError.fromBody(text, status);
  const generic =
    scimError.detail === `HTTP ${status} with no error body` || /^HTTP \d+$/.test(scimError.detail);
  const looksJson = /^\s*[{[]/.test(text);
  let message = scimError.detail;
  if (looksJson && (generic || scimError.detail === text.trim()))
    message = messageOfOtherShapes(text) ?? message;
  if (/^\s*</.test(text)) message = `HTTP ${status} (an HTML page, not a SCIM error)`;
  const shortened =
    message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message;
  return scimError.scimType ? { message: shortened, scimType: scimError.scimType } : { message: shortened };
}

function header(headers: FailedResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Turns a failed HTTP answer into the ConnectorError the engine acts on: the code from the
 * status (and `scimType: uniqueness`, which some targets send with 400), `retryAfterMs` from a
 * `Retry-After` in seconds or as an HTTP-date, and the target's own message. The caller's
 * `what` names the request (`POST Users`); `redact` scrubs any secret the target echoed.
 */
export function responseToConnectorError(
  response: FailedResponse,
  what: string,
  redact: (text: string) => string,
  nowMs: number = Date.now(),
): ConnectorError {
  const { message, scimType } = readTargetMessage(response.status, response.text);
  const retryAfterMs = parseRetryAfter(header(response.headers, 'retry-after'), nowMs);
  const code = codeOf(response.status, scimType, retryAfterMs);
  const remoteMessage = redact(message);
  const typed = scimType ? ` ${scimType}` : '';
  const wait =
    code === 'rate-limited' && retryAfterMs !== undefined ? ` Retry after ${retryAfterMs} ms.` : '';
  return new ConnectorError(
    code,
    `${what}: the target answered ${response.status}${typed}: ${remoteMessage}${wait}`,
    {
      remoteStatus: response.status,
      remoteMessage,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    },
  );
}
