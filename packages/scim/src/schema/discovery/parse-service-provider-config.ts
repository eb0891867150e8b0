import { ScimError } from '../../errors/scim-error.js';
import { getCaseInsensitive } from '../../resource/case-insensitive.js';
import type { AuthenticationScheme, ServiceProviderCapabilities } from './service-provider-capabilities.js';

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** `true`, `"true"` (any case) and 1 are true; services built on SCIM 1.1 stacks send strings. */
function readBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim().toLowerCase() === 'true';
  return value === 1;
}

/** A non-negative integer, from a number or a numeric string; anything else is 0 ("unknown"). */
function readCount(value: unknown): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0 ? Math.floor(number) : 0;
}

function readString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function feature(body: Loose, name: string): Loose {
  const value = getCaseInsensitive(body, name);
  return isObject(value) ? value : {};
}

const supported = (section: Loose): boolean => readBoolean(getCaseInsensitive(section, 'supported'));

function readScheme(entry: unknown): AuthenticationScheme | undefined {
  if (!isObject(entry)) return undefined;
  const type = readString(getCaseInsensitive(entry, 'type'));
  const name = readString(getCaseInsensitive(entry, 'name'));
  if (type === undefined && name === undefined) return undefined;
  const specUri = readString(getCaseInsensitive(entry, 'specUri'));
  const documentationUri = readString(getCaseInsensitive(entry, 'documentationUri'));
  const primary = getCaseInsensitive(entry, 'primary');
  return {
    type: type ?? '',
    name: name ?? type ?? '',
    description: readString(getCaseInsensitive(entry, 'description')) ?? '',
    ...(specUri !== undefined ? { specUri } : {}),
    ...(documentationUri !== undefined ? { documentationUri } : {}),
    ...(primary !== undefined ? { primary: readBoolean(primary) } : {}),
  };
}

/**
 * Reads a target's ServiceProviderConfig (SCIM 2.0, or the similar SCIM 1.1 document) into typed
 * capabilities. Real services omit sections, send booleans and numbers as strings, and spell
 * keys in any case, so the reader is tolerant: whatever is missing or unreadable falls back to
 * `CONSERVATIVE_CAPABILITIES` (the feature is taken as unsupported). Only a body that is not a
 * JSON object at all is an error, because then the target did not answer with a configuration.
 */
export function parseServiceProviderConfig(body: unknown): ServiceProviderCapabilities {
  let document = body;
  if (typeof body === 'string') {
    try {
      document = JSON.parse(body) as unknown;
    } catch {
      throw ScimError.invalidSyntax(
        `The ServiceProviderConfig response is not JSON (it starts with ${JSON.stringify(body.slice(0, 40))}); check the base URL of the connection.`,
      );
    }
  }
  if (!isObject(document)) {
    throw ScimError.invalidSyntax(
      'The ServiceProviderConfig response is not a JSON object; check the base URL of the connection.',
    );
  }
  const bulk = feature(document, 'bulk');
  const filter = feature(document, 'filter');
  const schemes = getCaseInsensitive(document, 'authenticationSchemes');
  const schemeList = Array.isArray(schemes) ? schemes : schemes === undefined ? [] : [schemes];
  const documentationUri = readString(getCaseInsensitive(document, 'documentationUri'));
  return {
    ...(documentationUri !== undefined ? { documentationUri } : {}),
    patch: { supported: supported(feature(document, 'patch')) },
    bulk: {
      supported: supported(bulk),
      maxOperations: readCount(getCaseInsensitive(bulk, 'maxOperations')),
      maxPayloadSize: readCount(getCaseInsensitive(bulk, 'maxPayloadSize')),
    },
    filter: { supported: supported(filter), maxResults: readCount(getCaseInsensitive(filter, 'maxResults')) },
    changePassword: { supported: supported(feature(document, 'changePassword')) },
    sort: { supported: supported(feature(document, 'sort')) },
    etag: { supported: supported(feature(document, 'etag')) },
    authenticationSchemes: schemeList.flatMap((entry) => readScheme(entry) ?? []),
  } satisfies ServiceProviderCapabilities;
}
