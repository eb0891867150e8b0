import type { ScimPresetName } from '../config.js';
import { ATLASSIAN_PRESET } from './atlassian-preset.js';
import { AWS_IDENTITY_CENTER_PRESET } from './aws-identity-center-preset.js';
import { GENERIC_PRESET } from './generic-preset.js';
import type { ScimPreset } from './scim-preset.js';

const PRESETS: Readonly<Record<ScimPresetName, ScimPreset>> = {
  generic: GENERIC_PRESET,
  'aws-identity-center': AWS_IDENTITY_CENTER_PRESET,
  atlassian: ATLASSIAN_PRESET,
};

export function presetFor(name: ScimPresetName): ScimPreset {
  return PRESETS[name];
}
