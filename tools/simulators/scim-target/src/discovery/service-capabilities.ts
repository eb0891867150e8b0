import type { AuthenticationScheme, ServiceProviderCapabilities } from '@idsync/scim';
import type { AuthOptions } from '../auth/auth-options.js';
import type { TargetContext } from '../resources/target-context.js';

function schemesOf(auth: AuthOptions): AuthenticationScheme[] {
  switch (auth.kind) {
    case 'none':
      return [];
    case 'bearer':
      return [
        {
          type: 'oauthbearertoken',
          name: 'OAuth Bearer Token',
          description: 'A long-lived bearer token issued by the service administrator.',
          specUri: 'https://www.rfc-editor.org/info/rfc6750',
          primary: true,
        },
      ];
    case 'oauth':
      return [
        {
          type: 'oauth2',
          name: 'OAuth 2.0 client credentials',
          description: 'Bearer tokens from the token endpoint, client credentials grant.',
          specUri: 'https://www.rfc-editor.org/info/rfc6749',
          primary: true,
        },
      ];
    case 'basic':
      return [
        {
          type: 'httpbasic',
          name: 'HTTP Basic',
          description: 'User name and password.',
          specUri: 'https://www.rfc-editor.org/info/rfc7617',
          primary: true,
        },
      ];
  }
}

/**
 * What the ServiceProviderConfig advertises: true to the running configuration, so a client
 * that plans from it (PATCH or PUT, sort or not, ETags, page size) is planning for what it gets.
 */
export function serviceCapabilities(context: TargetContext, auth: AuthOptions): ServiceProviderCapabilities {
  return {
    ...(context.profile.documentationUri ? { documentationUri: context.profile.documentationUri } : {}),
    patch: { supported: context.patchEnabled },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: context.limits.maxCount },
    changePassword: { supported: false },
    sort: { supported: context.profile.sorting },
    etag: { supported: context.etag },
    authenticationSchemes: schemesOf(auth),
  };
}
