/** One entry of `authenticationSchemes` (RFC 7643 §5). */
export interface AuthenticationScheme {
  /** `oauth`, `oauth2`, `oauthbearertoken`, `httpbasic`, `httpdigest`, or another value. */
  readonly type: string;
  readonly name: string;
  readonly description: string;
  readonly specUri?: string;
  readonly documentationUri?: string;
  readonly primary?: boolean;
}

/**
 * What a SCIM service supports of the optional parts of the protocol (RFC 7643 §5), in the
 * shape of the ServiceProviderConfig resource, so the wire form and the typed form read alike.
 * The inbound server declares its own; the outbound client parses a target's.
 */
export interface ServiceProviderCapabilities {
  readonly documentationUri?: string;
  readonly patch: { readonly supported: boolean };
  readonly bulk: {
    readonly supported: boolean;
    readonly maxOperations: number;
    readonly maxPayloadSize: number;
  };
  readonly filter: { readonly supported: boolean; readonly maxResults: number };
  readonly changePassword: { readonly supported: boolean };
  readonly sort: { readonly supported: boolean };
  readonly etag: { readonly supported: boolean };
  readonly authenticationSchemes: readonly AuthenticationScheme[];
}

/**
 * The capabilities to assume of a service that says nothing: no optional feature at all. A
 * client that assumes less than the target can do only loses speed (full replace instead of
 * PATCH, client-side paging instead of a filter); one that assumes more breaks writes.
 */
export const CONSERVATIVE_CAPABILITIES: ServiceProviderCapabilities = {
  patch: { supported: false },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: false, maxResults: 0 },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [],
};
