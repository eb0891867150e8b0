import {
  CONSERVATIVE_CAPABILITIES,
  isScimError,
  parseServiceProviderConfig,
  serviceProviderConfigFromV1,
  type ServiceProviderCapabilities,
} from '@idsync/scim';
import type { ScimPreset } from '../presets/scim-preset.js';
import type { ScimClient } from '../scim-client.js';

/** What the connector learnt about the target, and how. */
export interface DiscoveredCapabilities {
  readonly capabilities: ServiceProviderCapabilities;
  /** `discovered`: from the target's own ServiceProviderConfig; `assumed`: it had none. */
  readonly source: 'discovered' | 'assumed';
  /** The endpoint asked, e.g. `ServiceProviderConfig`. */
  readonly endpoint: string;
  /** Why capabilities were assumed, when they were. */
  readonly note?: string;
}

/** The endpoint of each version first, then the other spelling: 1.1 services are not consistent. */
const ENDPOINTS = {
  '2.0': ['ServiceProviderConfig', 'ServiceProviderConfigs'],
  '1.1': ['ServiceProviderConfigs', 'ServiceProviderConfig'],
} as const;

/** Statuses meaning "no such endpoint here", as opposed to "you may not" or "try later". */
const ABSENT = new Set([400, 404, 405, 406, 410, 501]);

function withPresetKnowledge(
  capabilities: ServiceProviderCapabilities,
  preset: ScimPreset,
): ServiceProviderCapabilities {
  return { ...capabilities, ...preset.knownCapabilities };
}

/**
 * Asks the target what it supports (RFC 7643 §5: patch, filter with maxResults, bulk, sort,
 * etag) at `/ServiceProviderConfig` (2.0) or `/ServiceProviderConfigs` (1.1). A target without
 * the endpoint, or with an unreadable one, gets the preset's fallback or the conservative
 * assumption (no optional feature), with a note saying so; the preset's documented facts
 * then override either. Authentication failures, 5xx and timeouts throw: they say nothing
 * about capabilities, and must not be cached as "unsupported".
 */
export async function discoverCapabilities(
  client: ScimClient,
  preset: ScimPreset,
): Promise<DiscoveredCapabilities> {
  const version = client.config.version;
  const misses: string[] = [];
  for (const endpoint of ENDPOINTS[version]) {
    const response = await client.exchange('GET', endpoint);
    if (ABSENT.has(response.status)) {
      misses.push(`${endpoint} answered ${response.status}`);
      continue;
    }
    if (response.status < 200 || response.status >= 300) throw client.errorOf(response, `GET ${endpoint}`);
    try {
      const parsed =
        version === '1.1'
          ? parseServiceProviderConfig(serviceProviderConfigFromV1(response.body ?? response.text))
          : parseServiceProviderConfig(response.body ?? response.text);
      return { capabilities: withPresetKnowledge(parsed, preset), source: 'discovered', endpoint };
    } catch (error) {
      if (!isScimError(error)) throw error;
      misses.push(`${endpoint} is not a readable configuration (${error.detail})`);
    }
  }
  const assumed = preset.fallbackCapabilities ?? CONSERVATIVE_CAPABILITIES;
  return {
    capabilities: withPresetKnowledge(assumed, preset),
    source: 'assumed',
    endpoint: ENDPOINTS[version][0],
    note: `${misses.join('; ')}; assuming no optional features (no PATCH, no ETags, no bulk, no sorting) and trying filters anyway.`,
  };
}

/** A short account of capabilities for a connection check. */
export function describeCapabilities(discovered: DiscoveredCapabilities): string {
  const { capabilities: c } = discovered;
  const yes = (value: boolean): string => (value ? 'yes' : 'no');
  const filter = c.filter.supported
    ? `yes${c.filter.maxResults > 0 ? ` (at most ${c.filter.maxResults} results)` : ''}`
    : discovered.source === 'assumed'
      ? 'unknown'
      : 'no';
  const summary = `PATCH ${yes(c.patch.supported)}, filter ${filter}, bulk ${yes(c.bulk.supported)}, sort ${yes(c.sort.supported)}, ETag ${yes(c.etag.supported)}`;
  return discovered.source === 'discovered'
    ? `From ${discovered.endpoint}: ${summary}.`
    : `No usable ServiceProviderConfig: ${discovered.note} Using: ${summary}.`;
}
