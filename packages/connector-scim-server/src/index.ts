export { scimServerPlugin } from './scim-server-plugin.js';
export {
  DEFAULT_SCIM_SERVER_LIMITS,
  resolveLimits,
  type ScimBasicCredentials,
  type ScimClientConfig,
  type ScimMounts,
  type ScimRateLimit,
  type ScimServerLimits,
  type ScimServerOptions,
} from './scim-server-options.js';
export { hashScimSecret, type ScimSecretAlgorithm } from './auth/scim-secret-hash.js';
