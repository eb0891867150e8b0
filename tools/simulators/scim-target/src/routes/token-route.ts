import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TargetRuntime } from '../http/target-runtime.js';

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** RFC 6749 §5.2 error answer. */
function oauthError(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Basic realm="oauth"');
  return reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify({ error, error_description: description }));
}

/** Client credentials from `Authorization: Basic` (RFC 6749 §2.3.1) or, failing that, the body. */
function clientCredentials(
  authorization: string | undefined,
  body: Record<string, unknown>,
): { id: string; secret: string } | undefined {
  const basic = /^\s*basic\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    // RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined.
    const unform = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
    try {
      return { id: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) };
    } catch {
      return undefined; // malformed percent-encoding: not credentials this client could have
    }
  }
  const { client_id: id, client_secret: secret } = body;
  return typeof id === 'string' && typeof secret === 'string' ? { id, secret } : undefined;
}

/**
 * The OAuth 2.0 token endpoint of the `oauth` auth mode: the client credentials grant only,
 * client authentication by HTTP Basic or by `client_id`/`client_secret` in the form body.
 * Answers `{access_token, token_type, expires_in}`, or the RFC 6749 §5.2 errors
 * `unsupported_grant_type` (400) and `invalid_client` (401).
 */
export function registerTokenRoute(app: FastifyInstance, runtime: TargetRuntime): void {
  const auth = runtime.auth;
  if (auth.kind !== 'oauth' || !runtime.tokens || !runtime.tokenPath) return;
  const tokens = runtime.tokens;
  app.post(runtime.tokenPath, async (request, reply) => {
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<
      string,
      unknown
    >;
    if (body.grant_type !== 'client_credentials') {
      return oauthError(
        reply,
        400,
        'unsupported_grant_type',
        `grant_type must be "client_credentials", not ${JSON.stringify(body.grant_type ?? null)}.`,
      );
    }
    const client = clientCredentials(request.headers.authorization, body);
    if (!client || !same(client.id, auth.clientId) || !same(client.secret, auth.clientSecret)) {
      return oauthError(
        reply,
        401,
        'invalid_client',
        'Client authentication failed: unknown client or wrong secret.',
      );
    }
    const issued = tokens.issue();
    return reply
      .code(200)
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .send(
        JSON.stringify({
          access_token: issued.accessToken,
          token_type: 'Bearer',
          expires_in: issued.expiresInSeconds,
        }),
      );
  });
}
