import { ConfigError, type ConfigIssue } from '@idsync/core';
import type {
  AUTH_METHODS,
  AUTH_TYPE_HEADERS,
  OAUTH_CLIENT_AUTHENTICATIONS,
  PATCH_MODES,
  SCIM_PRESETS,
  SCIM_VERSIONS,
} from './config-fields.js';

export type ScimVersion = (typeof SCIM_VERSIONS)[number];
export type AuthMethod = (typeof AUTH_METHODS)[number];
export type AuthTypeHeader = (typeof AUTH_TYPE_HEADERS)[number];
export type ScimPresetName = (typeof SCIM_PRESETS)[number];
export type PatchMode = (typeof PATCH_MODES)[number];
export type OAuthClientAuthentication = (typeof OAUTH_CLIENT_AUTHENTICATIONS)[number];

/** How the connector authenticates; each variant carries exactly the settings it needs. */
export type ScimAuthentication =
  | { readonly method: 'none' }
  | { readonly method: 'basic'; readonly user: string; readonly password: string }
  | { readonly method: 'oauth-bearer'; readonly token: string }
  | {
      readonly method: 'oauth-client-credentials';
      readonly endpoint: URL;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly scopes: readonly string[];
      readonly clientAuthentication: OAuthClientAuthentication;
    };

/** The validated configuration of one SCIM connection, as the connector works with it. */
export interface ScimConnectorConfig {
  /** Always ends with `/`, so resource paths resolve below it. */
  readonly baseUrl: URL;
  /** Relative to the base URL, no leading or trailing slash: `Users`. */
  readonly usersResource: string;
  readonly groupsResource: string;
  readonly version: ScimVersion;
  readonly authentication: ScimAuthentication;
  /** The Authorization scheme; `custom` sends `customAuthHeader` as the whole header value. */
  readonly authTypeHeader: AuthTypeHeader | undefined;
  readonly customAuthHeader: string | undefined;
  readonly preset: ScimPresetName;
  readonly patchMode: PatchMode;
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly maxConcurrency: number;
  /** 0: no client-side limit. */
  readonly requestsPerSecond: number;
  /** Requests that may go out back to back above the rate (the token bucket's capacity). */
  readonly requestBurst: number;
  /** Undefined: the preset's default. */
  readonly maxMembersPerRequest: number | undefined;
  readonly pageSize: number;
  /** Look-ups combined into one filtered GET by `getMany`/`findEach`; 1: none combined. */
  readonly lookupsPerRequest: number;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

function resourcePath(value: unknown, fallback: string): string {
  const path = (text(value) ?? fallback).trim().replace(/^\/+|\/+$/g, '');
  return path === '' ? fallback.replace(/^\/+/, '') : path;
}

function baseUrlOf(value: unknown): URL {
  const url = new URL(String(value));
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

function authenticationOf(settings: Record<string, unknown>, issues: ConfigIssue[]): ScimAuthentication {
  const need = (key: string, why: string): string => {
    const value = text(settings[key]);
    if (value === undefined) issues.push({ key: `config.${key}`, problem: 'is required.', fix: why });
    return value ?? '';
  };
  const method = settings.authMethod as AuthMethod;
  switch (method) {
    case 'basic':
      return {
        method,
        user: need('basicUser', 'Set the Basic Auth user, or choose another authMethod.'),
        password: need('basicPassword', 'Set the Basic Auth password, or choose another authMethod.'),
      };
    case 'oauth-bearer':
      return {
        method,
        token: need('bearerToken', 'Set the access token the target issued, or choose another authMethod.'),
      };
    case 'oauth-client-credentials': {
      const endpoint = need('oauthEndpoint', "Set the authorization server's token endpoint URL.");
      return {
        method,
        endpoint: endpoint ? new URL(endpoint) : new URL('http://invalid.invalid/'),
        clientId: need('clientId', 'Set the OAuth client id.'),
        clientSecret: need('clientSecret', 'Set the OAuth client secret.'),
        scopes: Array.isArray(settings.oauthScopes) ? (settings.oauthScopes as string[]) : [],
        clientAuthentication: (settings.oauthClientAuthentication as OAuthClientAuthentication) ?? 'basic',
      };
    }
    default:
      return { method: 'none' };
  }
}

/**
 * Narrows settings that `validateConnectorConfig` already checked field by field, and checks
 * what one field cannot say alone: the credentials the chosen authMethod needs, and the custom
 * header a `custom` authTypeHeader needs. Every problem is reported at once, naming the key;
 * secret values never appear in the messages.
 */
export function toScimConfig(settings: Record<string, unknown>): ScimConnectorConfig {
  const issues: ConfigIssue[] = [];
  const authentication = authenticationOf(settings, issues);
  const authTypeHeader = settings.authTypeHeader as AuthTypeHeader | undefined;
  const customAuthHeader = text(settings.customAuthHeader);
  if (authTypeHeader === 'custom' && customAuthHeader === undefined) {
    issues.push({
      key: 'config.customAuthHeader',
      problem: 'is required when authTypeHeader is custom.',
      fix: 'Set the whole Authorization header value, or choose another authTypeHeader.',
    });
  }
  if (authentication.method === 'none' && authTypeHeader !== undefined && authTypeHeader !== 'custom') {
    issues.push({
      key: 'config.authTypeHeader',
      problem: `is "${authTypeHeader}" but authMethod is none, so there is no credential to send.`,
      fix: 'Choose an authMethod with credentials, use custom with customAuthHeader, or leave authTypeHeader out.',
    });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return {
    baseUrl: baseUrlOf(settings.baseUrl),
    usersResource: resourcePath(settings.usersResource, 'Users'),
    groupsResource: resourcePath(settings.groupsResource, 'Groups'),
    version: (settings.scimVersion as ScimVersion | undefined) ?? '2.0',
    authentication,
    authTypeHeader,
    customAuthHeader,
    preset: (settings.preset as ScimPresetName | undefined) ?? 'generic',
    patchMode: (settings.patchMode as PatchMode | undefined) ?? 'discover',
    connectTimeoutMs: Number(settings.connectTimeoutMs ?? 10000),
    requestTimeoutMs: Number(settings.requestTimeoutMs ?? 30000),
    maxConcurrency: Number(settings.maxConcurrency ?? 8),
    requestsPerSecond: Number(settings.requestsPerSecond ?? 0),
    requestBurst: Number(settings.requestBurst ?? 1),
    maxMembersPerRequest:
      settings.maxMembersPerRequest === undefined ? undefined : Number(settings.maxMembersPerRequest),
    pageSize: Number(settings.pageSize ?? 100),
    lookupsPerRequest: Number(settings.lookupsPerRequest ?? 50),
  };
}

/**
 * The secret values of a configuration, to scrub from messages and logs. Values derived from
 * them (a Basic credential, an access token) are registered by the code that derives them.
 */
export function secretsOf(config: ScimConnectorConfig): string[] {
  const secrets: string[] = [];
  const auth = config.authentication;
  if (auth.method === 'basic') secrets.push(auth.password);
  if (auth.method === 'oauth-bearer') secrets.push(auth.token);
  if (auth.method === 'oauth-client-credentials') secrets.push(auth.clientSecret);
  if (config.customAuthHeader) secrets.push(config.customAuthHeader);
  return secrets.filter((secret) => secret.length > 0);
}
