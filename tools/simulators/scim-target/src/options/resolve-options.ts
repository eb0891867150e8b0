import type { PaginationLimits } from '@idsync/scim';
import type { AuthOptions } from '../auth/auth-options.js';
import { profileNamed } from '../profiles/builtin-profiles.js';
import type { TargetProfile } from '../profiles/target-profile.js';
import type { Clock, ScimTargetOptions, ScimVersion } from './scim-target-options.js';

/** The options with every default applied and every combination checked. */
export interface ResolvedOptions {
  readonly version: ScimVersion;
  readonly profile: TargetProfile;
  readonly basePath: string;
  readonly host: string;
  readonly port: number;
  readonly auth: AuthOptions;
  readonly limits: PaginationLimits;
  readonly etag: boolean;
  readonly patch: boolean;
  readonly patchUnsupportedStatus: 501 | 405;
  readonly clock: Clock;
}

function normaliseBasePath(path: string): string {
  const trimmed = `/${path.trim().replace(/^\/+|\/+$/g, '')}`;
  return trimmed === '/' ? '' : trimmed;
}

/**
 * Applies defaults and refuses combinations no vendor has: a vendor profile with SCIM 1.1
 * (AWS and Atlassian speak 2.0 only), or page sizes that contradict each other.
 */
export function resolveOptions(options: ScimTargetOptions = {}): ResolvedOptions {
  const version = options.version ?? '2.0';
  const profile =
    typeof options.profile === 'object' ? options.profile : profileNamed(options.profile ?? 'rfc');
  if (!profile.versions.includes(version)) {
    throw new Error(
      `Profile "${profile.name}" speaks SCIM ${profile.versions.join(' and ')} only; use version ${profile.versions[0]} or profile "rfc" for ${version}.`,
    );
  }
  const maxCount = options.pageSize?.max ?? profile.limits.maxCount;
  const defaultCount = Math.min(options.pageSize?.default ?? profile.limits.defaultCount, maxCount);
  if (!(maxCount >= 1)) throw new Error(`pageSize.max must be at least 1, got ${maxCount}.`);
  return {
    version,
    profile,
    basePath: normaliseBasePath(options.basePath ?? (version === '1.1' ? '/scim/v1' : '/scim/v2')),
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    auth: options.auth ?? { kind: 'none' },
    limits: { defaultCount, maxCount },
    etag: options.etag ?? false,
    patch: options.patch ?? true,
    patchUnsupportedStatus: options.patchUnsupportedStatus ?? 501,
    clock: options.clock ?? Date.now,
  };
}
