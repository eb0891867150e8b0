import type { ConformanceOptions } from '@idsync/connector-testkit';
import { GROUP_SCHEMA, USER_SCHEMA, type ScimResource } from '@idsync/scim';
import {
  startScimTarget,
  type ScimTarget as SimulatedTarget,
  type ScimTargetOptions,
} from '@idsync/scim-target';
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
 * The options of the conformance suite against a simulated target that `beforeAll` starts.
 * The suite reads the configs once when it is declared (before the simulator runs, to make
 * the probe instance, which must not connect) and again inside checks, so the base URL is
 * read lazily: a placeholder until the simulator is up, its real URL after. Each check gets
 * a connector made by `open`, the path that discovers before choosing the connector class.
 */
export function conformanceAgainst(
  simulator: () => SimulatedTarget | undefined,
  settings: Record<string, unknown>,
  name: string,
): ConformanceOptions {
  const config = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    baseUrl: simulator()?.baseUrl ?? 'http://127.0.0.1:1/scim/v2',
    authMethod: 'oauth-bearer',
    bearerToken: BEARER,
    ...settings,
    ...overrides,
  });
  return {
    definition: SCIM_DEFINITION,
    name,
    get sampleConfig() {
      return config();
    },
    get badCredentialsConfig() {
      return config({ bearerToken: 'wrong-Bearer-Token-0000' });
    },
    connect: async (context) => {
      const target = simulator();
      if (!target) throw new Error('The simulated target is not running.');
      const connector = await SCIM_DEFINITION.open(config(), context);
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
