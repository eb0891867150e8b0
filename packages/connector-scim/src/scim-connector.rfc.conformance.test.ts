import { afterAll, beforeAll } from '@jest/globals';
import { runConnectorConformanceSuite } from '@idsync/connector-testkit';
import type { ScimTarget as SimulatedTarget } from '@idsync/scim-target';
import { conformanceAgainst, startBearerTarget } from './testing/conformance-setup.js';

/*
 * The connector-testkit conformance suite against the simulator's RFC 7644 profile, in each
 * shape a generic target comes in: SCIM 2.0 with PATCH; SCIM 1.1 with PATCH; SCIM 1.1 without
 * PATCH (the connector then has no `patch`, and updates by GET + PUT); SCIM 2.0 with ETags,
 * updated by replace (If-Match on every PUT).
 */

const targets: Record<string, SimulatedTarget | undefined> = {};

beforeAll(async () => {
  targets.v2 = await startBearerTarget({ profile: 'rfc', version: '2.0' });
  targets.v1 = await startBearerTarget({ profile: 'rfc', version: '1.1' });
  targets.v1NoPatch = await startBearerTarget({ profile: 'rfc', version: '1.1', patch: false });
  targets.v2Etag = await startBearerTarget({ profile: 'rfc', version: '2.0', etag: true });
});

afterAll(async () => {
  await Promise.all(Object.values(targets).map((target) => target?.close()));
});

runConnectorConformanceSuite(
  conformanceAgainst(
    () => targets.v2,
    { scimVersion: '2.0', patchMode: 'patch' },
    'SCIM 2.0 (rfc profile, PATCH)',
  ),
);

runConnectorConformanceSuite(
  conformanceAgainst(
    () => targets.v1,
    { scimVersion: '1.1', patchMode: 'patch' },
    'SCIM 1.1 (rfc profile, PATCH)',
  ),
);

runConnectorConformanceSuite(
  conformanceAgainst(
    () => targets.v1NoPatch,
    { scimVersion: '1.1', patchMode: 'discover' },
    'SCIM 1.1 (rfc profile, no PATCH)',
  ),
);

runConnectorConformanceSuite(
  conformanceAgainst(
    () => targets.v2Etag,
    { scimVersion: '2.0', patchMode: 'replace' },
    'SCIM 2.0 (rfc profile, ETags, replace)',
  ),
);
