import { afterAll, beforeAll } from '@jest/globals';
import { runConnectorConformanceSuite } from '@idsync/connector-testkit';
import type { ScimTarget as SimulatedTarget } from '@idsync/scim-target';
import { conformanceAgainst, startBearerTarget } from './testing/conformance-setup.js';

/*
 * The conformance suite against the simulator's vendor profiles, with the matching preset: the
 * quirks (AWS's cursor paging, filters, required names and missing group members; Atlassian's
 * deactivating deletes) must not break any part of the connector contract.
 */

const targets: Record<string, SimulatedTarget | undefined> = {};

beforeAll(async () => {
  targets.aws = await startBearerTarget({ profile: 'aws-identity-center' });
  targets.atlassian = await startBearerTarget({ profile: 'atlassian' });
});

afterAll(async () => {
  await Promise.all(Object.values(targets).map((target) => target?.close()));
});

runConnectorConformanceSuite(
  conformanceAgainst(
    () => targets.aws,
    { preset: 'aws-identity-center', patchMode: 'patch' },
    'SCIM (AWS IAM Identity Center preset)',
  ),
);

runConnectorConformanceSuite(
  conformanceAgainst(
    () => targets.atlassian,
    { preset: 'atlassian', patchMode: 'patch' },
    'SCIM (Atlassian preset)',
  ),
);
