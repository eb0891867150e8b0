/** How clients must authenticate to the target. */
export type AuthOptions =
  | { readonly kind: 'none' }
  /** A static bearer token, as AWS IAM Identity Center and Atlassian hand out. */
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  /**
   * OAuth 2.0 client credentials (RFC 6749 §4.4): the target serves a token endpoint that
   * issues bearer tokens which expire after `tokenTtlSeconds` (default 3600).
   */
  | {
      readonly kind: 'oauth';
      readonly clientId: string;
      readonly clientSecret: string;
      readonly tokenTtlSeconds?: number;
      /** Default `/oauth/token`, at the server root (outside the SCIM base path). */
      readonly tokenPath?: string;
    };

export const DEFAULT_TOKEN_PATH = '/oauth/token';
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
