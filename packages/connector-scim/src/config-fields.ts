import type { ConfigField } from '@idsync/core';

/*
 * The settings of PingOne's SCIM outbound connection form, plus the HTTP tuning a client
 * needs. Connection preferences (user filter expression, membership handling, allow
 * create/update/disable/deprovision) are not here: they belong to the Connection in core and
 * apply to every connector alike.
 *
 * Key names avoid the words "token" and "secret" unless the value is a credential, because
 * the conformance suite (rightly) insists that any such field is marked secret.
 */

export const SCIM_VERSIONS = ['2.0', '1.1'] as const;
export const AUTH_METHODS = ['none', 'basic', 'oauth-bearer', 'oauth-client-credentials'] as const;
export const AUTH_TYPE_HEADERS = ['basic', 'bearer', 'oauth', 'custom'] as const;
export const SCIM_PRESETS = ['generic', 'aws-identity-center', 'atlassian'] as const;
export const PATCH_MODES = ['discover', 'patch', 'replace'] as const;
export const OAUTH_CLIENT_AUTHENTICATIONS = ['basic', 'post'] as const;

export const SCIM_CONFIG_FIELDS: readonly ConfigField[] = [
  {
    key: 'baseUrl',
    type: 'url',
    required: true,
    description: 'The SCIM base URL of the target, e.g. https://scim.example.com/v2/.',
  },
  {
    key: 'usersResource',
    type: 'string',
    default: '/Users',
    description: 'The path of the User resource endpoint, relative to the base URL.',
  },
  {
    key: 'groupsResource',
    type: 'string',
    default: '/Groups',
    description: 'The path of the Group resource endpoint, relative to the base URL.',
  },
  {
    key: 'scimVersion',
    type: 'enum',
    values: SCIM_VERSIONS,
    default: '2.0',
    description: 'The SCIM version the target speaks: 2.0 (RFC 7643/7644) or 1.1.',
  },
  {
    key: 'authMethod',
    type: 'enum',
    values: AUTH_METHODS,
    required: true,
    description:
      'How to authenticate: none, basic (user and password), oauth-bearer (a fixed access token) or oauth-client-credentials (a token fetched from the token endpoint).',
  },
  {
    key: 'basicUser',
    type: 'string',
    description: 'The Basic Auth user (authMethod basic).',
  },
  {
    key: 'basicPassword',
    type: 'string',
    secret: true,
    description: 'The Basic Auth password (authMethod basic).',
  },
  {
    key: 'bearerToken',
    type: 'string',
    secret: true,
    description: 'The OAuth access token the target issued (authMethod oauth-bearer).',
  },
  {
    key: 'oauthEndpoint',
    type: 'url',
    description: "The authorization server's token endpoint (authMethod oauth-client-credentials).",
  },
  {
    key: 'clientId',
    type: 'string',
    description: 'The OAuth client id (authMethod oauth-client-credentials).',
  },
  {
    key: 'clientSecret',
    type: 'string',
    secret: true,
    description: 'The OAuth client secret (authMethod oauth-client-credentials).',
  },
  {
    key: 'oauthScopes',
    type: 'string-list',
    description: 'OAuth scopes to request with client credentials, comma-delimited; none by default.',
  },
  {
    key: 'oauthClientAuthentication',
    type: 'enum',
    values: OAUTH_CLIENT_AUTHENTICATIONS,
    default: 'basic',
    description:
      'How the client authenticates at the token endpoint: basic (client_secret_basic) or post (client_secret_post).',
  },
  {
    key: 'authTypeHeader',
    type: 'enum',
    values: AUTH_TYPE_HEADERS,
    description:
      'The scheme of the Authorization header: basic, bearer, oauth ("OAuth <token>") or custom (the custom header value as it is). Default: the one that fits authMethod.',
  },
  {
    key: 'customAuthHeader',
    type: 'string',
    secret: true,
    description:
      'The whole Authorization header value when authTypeHeader is custom; sent only as Authorization.',
  },
  {
    key: 'preset',
    type: 'enum',
    values: SCIM_PRESETS,
    default: 'generic',
    description:
      'Known quirks of the target: generic (RFC 7644), aws-identity-center or atlassian. See the README for what each changes.',
  },
  {
    key: 'patchMode',
    type: 'enum',
    values: PATCH_MODES,
    default: 'discover',
    description:
      'discover: PATCH when the target says it supports it; patch: always PATCH; replace: never PATCH, update by GET + PUT.',
  },
  {
    key: 'connectTimeoutMs',
    type: 'integer',
    default: 10000,
    min: 100,
    max: 300000,
    description: 'Milliseconds to wait for a TCP/TLS connection to the target.',
  },
  {
    key: 'requestTimeoutMs',
    type: 'integer',
    default: 30000,
    min: 100,
    max: 600000,
    description:
      'Milliseconds to wait for the response headers once the request is sent, and between body chunks.',
  },
  {
    key: 'maxConcurrency',
    type: 'integer',
    default: 8,
    min: 1,
    max: 128,
    description: 'Most requests in flight at once (the size of the keep-alive connection pool).',
  },
  {
    key: 'requestsPerSecond',
    type: 'integer',
    default: 0,
    min: 0,
    max: 10000,
    description: 'Most requests per second this client sends; 0 for no client-side limit.',
  },
  {
    key: 'requestBurst',
    type: 'integer',
    default: 1,
    min: 1,
    max: 10000,
    description:
      'Requests that may go out back to back, above requestsPerSecond, after a quiet spell. Keep requestsPerSecond + requestBurst at or under the target’s per-second limit.',
  },
  {
    key: 'maxMembersPerRequest',
    type: 'integer',
    min: 1,
    max: 10000,
    description:
      'Most membership changes in one PATCH of a group. Default: 1000, or the preset limit (AWS: 100), which also caps it.',
  },
  {
    key: 'lookupsPerRequest',
    type: 'integer',
    default: 50,
    min: 1,
    max: 500,
    description:
      'Look-ups combined into one filtered GET (id eq "a" or id eq "b" …) when the engine asks for many objects at once; 1 sends one request per object.',
  },
  {
    key: 'pageSize',
    type: 'integer',
    default: 100,
    min: 1,
    max: 1000,
    description: 'Objects per page when reading (the SCIM count); the target or preset may cap it.',
  },
];
