import type { ConformanceOptions } from '@idsync/connector-testkit';
import { GROUP_SCHEMA, USER_SCHEMA, type ScimResource } from '@idsync/scim';
import { startScimTarget, type ScimTarget as SimulatedTarget, type ScimTargetOptions } from '@idsync/scim-target';
import { SCIM_DEFINITION } from '../scim-definition.js';

/** A user every preset accepts: AWS needs displayName and both name parts. */
export function sampleUser(tag: string): ScimResource {
  return {
    schemas: [USER_SCHEMA],
    userName: `${tag}@example.test`,
    displayName: `User ${tag}`,
    name: { givenName: 'Sample', familyName: tag },
    title: `Title ${tag}`,
    emails: [{ value: `${tag}@example.test`, type: 'work', primary: true }],
    active: true,
  };
}

export function sampleGroup(tag: string): ScimResource {
  return { schemas: [GROUP_SCHEMA], displayName: `Group ${tag}` };
}

export const BEARER = 'conformance-Bearer-Token-7731';

/**
 * Declares nothing by itself: returns the options of the conformance suite against a simulated
 * target started by `beforeAll` (the suite's `connect` runs only inside tests). Each check gets
 * a connector made by `open`, the path that discovers before choosing the connector class.
 */
export function conformanceAgainst(
  simulator: () => SimulatedTarget,
  settings: Record<string, unknown>,
  name: string,
): ConformanceOptions {
  // The config is read when the suite is declared, before the simulator runs: a placeholder
  // URL makes the probe instance (which must not connect); connect() uses the real one.
  const placeholder = { baseUrl: 'http://127.0.0.1:1/scim/v2', authMethod: 'oauth-bearer', bearerToken: BEARER, ...settings };
  return {
    definition: SCIM_DEFINITION,
    name,
    sampleConfig: placeholder,
    badCredentialsConfig: { ...placeholder, bearerToken: 'wrong-Bearer-Token-0000' },
    connect: async (context) => {
      const target = simulator();
      const connector = await SCIM_DEFINITION.open({ ...placeholder, baseUrl: target.baseUrl }, context);
      return {
        connector,
        inspect: async (type, remoteId) => target.store.collection(type).get(remoteId),
      };
    },
    samples: { user: sampleUser, group: sampleGroup, editableAttribute: 'title' },
  };
}

/** Starts a simulated target with bearer authentication. */
export function startBearerTarget(options: ScimTargetOptions = {}): Promise<SimulatedTarget> {
  return startScimTarget({ auth: { kind: 'bearer', token: BEARER }, ...options });
}
