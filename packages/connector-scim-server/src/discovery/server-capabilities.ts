import type { AuthenticationScheme, ServiceProviderCapabilities } from '@idsync/scim';
import type { ScimServerLimits } from '../scim-server-options.js';

/**
 * What this server advertises in ServiceProviderConfig: PATCH, Bulk with its limits, filters
 * with the page limit, sorting and ETags; no password changes (passwords are not kept); and the
 * authentication schemes that some client is configured with.
 */
export function serverCapabilities(
  limits: ScimServerLimits,
  schemes: { readonly bearer: boolean; readonly basic: boolean },
): ServiceProviderCapabilities {
  const authenticationSchemes: AuthenticationScheme[] = [];
  if (schemes.bearer) {
    authenticationSchemes.push({
      type: 'oauthbearertoken',
      name: 'Bearer token',
      description: 'A token issued for this SCIM connection, sent as "Authorization: Bearer <token>".',
      specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
      primary: true,
    });
  }
  if (schemes.basic) {
    authenticationSchemes.push({
      type: 'httpbasic',
      name: 'HTTP Basic',
      description: 'The user name and password configured for this SCIM connection.',
      specUri: 'https://www.rfc-editor.org/rfc/rfc7617',
      ...(schemes.bearer ? {} : { primary: true }),
    });
  }
  return {
    patch: { supported: true },
    bulk: {
      supported: true,
      maxOperations: limits.bulkMaxOperations,
      maxPayloadSize: limits.bulkMaxPayloadBytes,
    },
    filter: { supported: true, maxResults: limits.maxCount },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes,
  };
}
