import type { ProfileName } from '../options/scim-target-options.js';
import { atlassianProfile } from './atlassian-profile.js';
import { awsIdentityCenterProfile } from './aws-identity-center-profile.js';
import { rfcProfile } from './rfc-profile.js';
import type { TargetProfile } from './target-profile.js';

export const BUILTIN_PROFILES: Readonly<Record<ProfileName, TargetProfile>> = {
  rfc: rfcProfile,
  'aws-identity-center': awsIdentityCenterProfile,
  atlassian: atlassianProfile,
};

export function profileNamed(name: string): TargetProfile {
  const profile = (BUILTIN_PROFILES as Record<string, TargetProfile | undefined>)[name];
  if (!profile) {
    throw new Error(`Unknown profile "${name}"; use one of ${Object.keys(BUILTIN_PROFILES).join(', ')}.`);
  }
  return profile;
}
