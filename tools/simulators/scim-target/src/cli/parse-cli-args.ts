import { parseArgs } from 'node:util';
import type { AuthOptions } from '../auth/auth-options.js';
import type { ProfileName, ScimTargetOptions } from '../options/scim-target-options.js';

export const USAGE = `Usage: scim-target [options]

Starts a SCIM service provider that behaves like a vendor's, and runs until Ctrl-C.

  --profile <name>         rfc (default), aws-identity-center or atlassian
  --version <v>            2.0 (default) or 1.1 (profile rfc only)
  --host <address>         default 127.0.0.1
  --port <n>               default 0: a free port
  --base-path <path>       default /scim/v2 (/scim/v1 for 1.1)
  --token <secret>         require "Authorization: Bearer <secret>"
  --basic <user:password>  require HTTP Basic credentials
  --oauth <id:secret>      serve POST /oauth/token (client credentials) and require its tokens
  --token-ttl <seconds>    lifetime of OAuth tokens, default 3600
  --rate-limit <n/ms>      at most n requests per ms window, e.g. 600/60000 (then 429 + Retry-After)
  --page-size <n>          default page size
  --max-page-size <n>      largest page served
  --etag                   serve ETags; honour If-Match / If-None-Match
  --no-patch               PATCH answers 501 (clients must fall back to GET + PUT)
  --latency <ms>           delay every request
  --error-rate <p>         answer a random 5xx with probability p (0..1)
  --seed <n>               seed of the fault PRNG, default 1
  --help                   show this text
`;

export interface CliRequest {
  readonly help: boolean;
  readonly options: ScimTargetOptions;
}

function integer(flag: string, text: string | undefined, min = 0): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`--${flag} needs a whole number of at least ${min}, not "${text}".`);
  return value;
}

function pair(flag: string, text: string, what: string): [string, string] {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1)
    throw new Error(
      `--${flag} needs ${what}, e.g. "${flag === 'basic' ? 'admin:secret' : 'client:secret'}".`,
    );
  return [text.slice(0, colon), text.slice(colon + 1)];
}

function authOf(values: Record<string, string | boolean | undefined>): AuthOptions | undefined {
  const chosen = (['token', 'basic', 'oauth'] as const).filter((flag) => values[flag] !== undefined);
  if (chosen.length > 1)
    throw new Error(
      `Choose one of --token, --basic and --oauth, not ${chosen.map((f) => `--${f}`).join(' and ')}.`,
    );
  if (typeof values.token === 'string') return { kind: 'bearer', token: values.token };
  if (typeof values.basic === 'string') {
    const [username, password] = pair('basic', values.basic, 'user:password');
    return { kind: 'basic', username, password };
  }
  if (typeof values.oauth === 'string') {
    const [clientId, clientSecret] = pair('oauth', values.oauth, 'clientId:clientSecret');
    const ttl = integer('token-ttl', values['token-ttl'] as string | undefined, 1);
    return { kind: 'oauth', clientId, clientSecret, ...(ttl !== undefined ? { tokenTtlSeconds: ttl } : {}) };
  }
  return undefined;
}

/** Reads the command line into target options; a mistake is an Error whose message names the flag. */
export function parseCliArgs(argv: readonly string[]): CliRequest {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowNegative: true,
    options: {
      profile: { type: 'string' },
      version: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'base-path': { type: 'string' },
      token: { type: 'string' },
      basic: { type: 'string' },
      oauth: { type: 'string' },
      'token-ttl': { type: 'string' },
      'rate-limit': { type: 'string' },
      'page-size': { type: 'string' },
      'max-page-size': { type: 'string' },
      etag: { type: 'boolean' },
      patch: { type: 'boolean' },
      latency: { type: 'string' },
      'error-rate': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true, options: {} };
  const version = values.version;
  if (version !== undefined && version !== '2.0' && version !== '1.1')
    throw new Error(`--version must be 2.0 or 1.1, not "${version}".`);
  const auth = authOf(values);
  const rateLimit = values['rate-limit'];
  const rate = rateLimit === undefined ? undefined : /^(\d+)\/(\d+)$/.exec(rateLimit);
  if (rateLimit !== undefined && !rate)
    throw new Error(`--rate-limit needs requests/windowMs, e.g. 600/60000, not "${rateLimit}".`);
  const pageSize = integer('page-size', values['page-size'], 1);
  const maxPageSize = integer('max-page-size', values['max-page-size'], 1);
  const latency = integer('latency', values.latency);
  const errorRate = values['error-rate'] === undefined ? undefined : Number(values['error-rate']);
  if (errorRate !== undefined && !(errorRate >= 0 && errorRate <= 1))
    throw new Error(`--error-rate needs a probability from 0 to 1, not "${values['error-rate']}".`);
  const seed = integer('seed', values.seed);
  const faults = {
    ...(seed !== undefined ? { seed } : {}),
    ...(latency !== undefined ? { latency: { ms: latency } } : {}),
    ...(errorRate !== undefined ? { randomErrors: { probability: errorRate } } : {}),
  };
  const port = integer('port', values.port);
  const options: ScimTargetOptions = {
    ...(values.profile !== undefined
      ? // checked when the target starts: an unknown name is an error listing the known ones
        { profile: values.profile as ProfileName }
      : {}),
    ...(version !== undefined ? { version } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(values['base-path'] !== undefined ? { basePath: values['base-path'] } : {}),
    ...(auth ? { auth } : {}),
    ...(rate ? { rateLimit: { requests: Number(rate[1]), windowMs: Number(rate[2]) } } : {}),
    ...(pageSize !== undefined || maxPageSize !== undefined
      ? {
          pageSize: {
            ...(pageSize !== undefined ? { default: pageSize } : {}),
            ...(maxPageSize !== undefined ? { max: maxPageSize } : {}),
          },
        }
      : {}),
    ...(values.etag !== undefined ? { etag: values.etag } : {}),
    ...(values.patch !== undefined ? { patch: values.patch } : {}),
    ...(Object.keys(faults).length > 0 ? { faults } : {}),
  };
  return { help: false, options };
}
