import { SERVICE_PROVIDER_CONFIG_SCHEMA } from '../urns.js';
import { discoveryLocation } from './discovery-location.js';
import type { ServiceProviderCapabilities } from './service-provider-capabilities.js';

/** The `/ServiceProviderConfig` resource as it is served (RFC 7643 §5, RFC 7644 §4). */
export interface ServiceProviderConfigResource extends ServiceProviderCapabilities {
  readonly schemas: [typeof SERVICE_PROVIDER_CONFIG_SCHEMA];
  readonly meta: { readonly resourceType: 'ServiceProviderConfig'; readonly location: string };
}

/**
 * Builds the wire form of a service's capabilities. Every sub-object is copied, so a caller
 * changing its configuration object later does not change a response already built.
 */
export function serviceProviderConfigResource(
  capabilities: ServiceProviderCapabilities,
  baseUrl: string,
): ServiceProviderConfigResource {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    ...(capabilities.documentationUri !== undefined
      ? { documentationUri: capabilities.documentationUri }
      : {}),
    patch: { supported: capabilities.patch.supported },
    bulk: { ...capabilities.bulk },
    filter: { ...capabilities.filter },
    changePassword: { supported: capabilities.changePassword.supported },
    sort: { supported: capabilities.sort.supported },
    etag: { supported: capabilities.etag.supported },
    authenticationSchemes: capabilities.authenticationSchemes.map((scheme) => ({ ...scheme })),
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: discoveryLocation(baseUrl, 'ServiceProviderConfig'),
    },
  };
}
