/** Headers whose values are credentials: logged with the value replaced. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

/** Body fields of a token request that are credentials. */
const SECRET_FIELDS = new Set([
  'client_secret',
  'password',
  'assertion',
  'client_assertion',
  'refresh_token',
]);

export const REDACTED = '<redacted>';

/**
 * Copies request headers for the log with credentials replaced. For `Authorization` the scheme
 * stays (`Bearer <redacted>`), so a test can still check which scheme the client used.
 */
export function redactHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    const lower = name.toLowerCase();
    if (!SECRET_HEADERS.has(lower)) {
      copy[lower] = text;
      continue;
    }
    const scheme = /^(\S+)\s+\S/.exec(text)?.[1];
    copy[lower] = lower.endsWith('authorization') && scheme ? `${scheme} ${REDACTED}` : REDACTED;
  }
  return copy;
}

/** Replaces credential fields of a (form or JSON) body object; other bodies are returned as they are. */
export function redactBody(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    copy[key] = SECRET_FIELDS.has(key.toLowerCase()) ? REDACTED : value;
  }
  return copy;
}
