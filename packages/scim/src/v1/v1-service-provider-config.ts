import { ScimError } from '../errors/scim-error.js';
import { getCaseInsensitive } from '../resource/case-insensitive.js';
import { SCIM_V1_CORE_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA } from '../schema/urns.js';
import { booleanFromV1, isPlainObject } from './attribute-value-mapping.js';

export interface V2Feature {
  supported: boolean;
}

/** RFC 7643 §5 authentication scheme. `type` is required in 2.0 but absent from many 1.1 answers. */
export interface V2AuthenticationScheme {
  type?: string;
  name: string;
  description: string;
  specUri?: string;
  documentationUri?: string;
  primary?: boolean;
}

/**
 * The 2.0 ServiceProviderConfig (RFC 7643 §5). The limits are optional here because 1.1 services
 * often leave them out; an absent limit means "not advertised", not zero.
 */
export interface V2ServiceProviderConfigBody {
  schemas: [typeof SERVICE_PROVIDER_CONFIG_SCHEMA];
  documentationUri?: string;
  patch: V2Feature;
  bulk: V2Feature & { maxOperations?: number; maxPayloadSize?: number };
  filter: V2Feature & { maxResults?: number };
  changePassword: V2Feature;
  sort: V2Feature;
  etag: V2Feature;
  authenticationSchemes: V2AuthenticationScheme[];
}

/** The 1.1 `/ServiceProviderConfigs` answer: `…Url` where 2.0 says `…Uri`, plus `xmlDataFormat`. */
export interface ScimV1ServiceProviderConfig {
  schemas: [typeof SCIM_V1_CORE_SCHEMA];
  documentationUrl?: string;
  patch: V2Feature;
  bulk: V2Feature & { maxOperations?: number; maxPayloadSize?: number };
  filter: V2Feature & { maxResults?: number };
  changePassword: V2Feature;
  sort: V2Feature;
  etag: V2Feature;
  xmlDataFormat: V2Feature;
  authenticationSchemes: {
    type?: string;
    name: string;
    description: string;
    specUrl?: string;
    documentationUrl?: string;
    primary?: boolean;
  }[];
}

function readString(object: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = getCaseInsensitive(object, name);
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function readLimit(object: Record<string, unknown>, name: string, path: string): number | undefined {
  const raw = getCaseInsensitive(object, name);
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw ScimError.invalidValue(
      `"${path}" of a SCIM 1.1 service provider config must be a non-negative integer, but got ${JSON.stringify(raw)}.`,
    );
  }
  return value;
}

function readFeature(config: Record<string, unknown>, name: string): Record<string, unknown> & V2Feature {
  const raw = getCaseInsensitive(config, name);
  if (!isPlainObject(raw)) return { supported: false }; // not advertised: treat as unsupported
  return {
    ...raw,
    supported: booleanFromV1(getCaseInsensitive(raw, 'supported') ?? false, `${name}.supported`) ?? false,
  };
}

/**
 * 1.1 schemes often carry only a name. The RFC 7643 type is inferred where the name says it
 * unambiguously; otherwise it is left out rather than guessed.
 */
function inferSchemeType(name: string): string | undefined {
  if (/bearer/i.test(name)) return 'oauthbearertoken';
  if (/basic/i.test(name)) return 'httpbasic';
  if (/digest/i.test(name)) return 'httpdigest';
  if (/oauth\s*(v?2|2\.0)/i.test(name)) return 'oauth2';
  return undefined;
}

function schemeFromV1(raw: unknown, index: number): V2AuthenticationScheme {
  if (!isPlainObject(raw)) {
    throw ScimError.invalidValue(
      `authenticationSchemes[${index}] of a SCIM 1.1 service provider config must be an object.`,
    );
  }
  const name = readString(raw, 'name') ?? '';
  const scheme: V2AuthenticationScheme = { name, description: readString(raw, 'description') ?? '' };
  const type = readString(raw, 'type') ?? inferSchemeType(name);
  if (type) scheme.type = type;
  const specUri = readString(raw, 'specUri', 'specUrl');
  if (specUri) scheme.specUri = specUri;
  const documentationUri = readString(raw, 'documentationUri', 'documentationUrl');
  if (documentationUri) scheme.documentationUri = documentationUri;
  const primary = getCaseInsensitive(raw, 'primary');
  if (primary !== undefined && primary !== null) {
    scheme.primary = booleanFromV1(primary, `authenticationSchemes[${index}].primary`) ?? false;
  }
  return scheme;
}

/**
 * Converts the answer of a 1.1 target's `/ServiceProviderConfigs` into the 2.0 shape the
 * outbound client plans with (may it PATCH, how big may a bulk be, may it filter). Accepts the
 * object itself or a list response wrapping it, string booleans and numeric strings; features
 * the target does not mention count as unsupported. `xmlDataFormat` has no 2.0 counterpart.
 */
export function serviceProviderConfigFromV1(body: unknown): V2ServiceProviderConfigBody {
  const wrapped = isPlainObject(body) ? getCaseInsensitive(body, 'Resources') : undefined;
  const config = Array.isArray(wrapped) ? wrapped[0] : body;
  if (!isPlainObject(config)) {
    throw ScimError.invalidSyntax('A SCIM 1.1 /ServiceProviderConfigs answer must be a JSON object.');
  }
  const bulk = readFeature(config, 'bulk');
  const filter = readFeature(config, 'filter');
  const rawSchemes = getCaseInsensitive(config, 'authenticationSchemes') ?? [];
  const schemes = Array.isArray(rawSchemes) ? rawSchemes : [rawSchemes];

  const result: V2ServiceProviderConfigBody = {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    patch: { supported: readFeature(config, 'patch').supported },
    bulk: { supported: bulk.supported },
    filter: { supported: filter.supported },
    changePassword: { supported: readFeature(config, 'changePassword').supported },
    sort: { supported: readFeature(config, 'sort').supported },
    etag: { supported: readFeature(config, 'etag').supported },
    authenticationSchemes: schemes.map(schemeFromV1),
  };
  const documentationUri = readString(config, 'documentationUri', 'documentationUrl');
  if (documentationUri) result.documentationUri = documentationUri;
  const maxOperations = readLimit(bulk, 'maxOperations', 'bulk.maxOperations');
  if (maxOperations !== undefined) result.bulk.maxOperations = maxOperations;
  const maxPayloadSize = readLimit(bulk, 'maxPayloadSize', 'bulk.maxPayloadSize');
  if (maxPayloadSize !== undefined) result.bulk.maxPayloadSize = maxPayloadSize;
  const maxResults = readLimit(filter, 'maxResults', 'filter.maxResults');
  if (maxResults !== undefined) result.filter.maxResults = maxResults;
  return result;
}

/**
 * What `serviceProviderConfigToV1` reads: a 2.0 config with or without `schemas`, read-only
 * arrays allowed, so the server's declared capabilities can be passed as they are.
 */
export type V2ServiceProviderConfigInput = Omit<
  V2ServiceProviderConfigBody,
  'schemas' | 'authenticationSchemes'
> & {
  readonly authenticationSchemes: readonly V2AuthenticationScheme[];
};

/**
 * Converts the server's 2.0 ServiceProviderConfig into what the inbound `/scim/v1` server answers
 * at `/ServiceProviderConfigs`. The server speaks JSON only, so `xmlDataFormat` is unsupported.
 */
export function serviceProviderConfigToV1(config: V2ServiceProviderConfigInput): ScimV1ServiceProviderConfig {
  const out: ScimV1ServiceProviderConfig = {
    schemas: [SCIM_V1_CORE_SCHEMA],
    patch: { supported: config.patch.supported },
    bulk: { ...config.bulk },
    filter: { ...config.filter },
    changePassword: { supported: config.changePassword.supported },
    sort: { supported: config.sort.supported },
    etag: { supported: config.etag.supported },
    xmlDataFormat: { supported: false },
    authenticationSchemes: config.authenticationSchemes.map((scheme) => {
      const { specUri, documentationUri, ...rest } = scheme;
      return {
        ...rest,
        ...(specUri ? { specUrl: specUri } : {}),
        ...(documentationUri ? { documentationUrl: documentationUri } : {}),
      };
    }),
  };
  if (config.documentationUri) out.documentationUrl = config.documentationUri;
  return out;
}
