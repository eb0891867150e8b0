import { afterEach, describe, expect, it } from '@jest/globals';
import { startScimTarget, type ScimTarget } from '../start-scim-target.js';
import { groupBody, patchBody, userBody } from '../test-support/fixtures.js';
import { scimClient } from '../test-support/scim-http.js';
import { atlassianFilterRules } from './policies/atlassian-filter-rules.js';
import { noGroupRename } from './policies/no-group-rename.js';
import { rfcProfile } from './rfc-profile.js';
import type { TargetProfile } from './target-profile.js';

describe('a custom profile composed from policies', () => {
  let target: ScimTarget;
  afterEach(() => target.close());

  it('applies exactly the policies it lists, on top of the RFC behaviour', async () => {
    const profile: TargetProfile = {
      ...rfcProfile,
      name: 'strict-groups',
      policies: [...rfcProfile.policies, noGroupRename, atlassianFilterRules],
    };
    target = await startScimTarget({ profile });
    const client = scimClient(target);
    const { body: group } = await client.post('/Groups', groupBody('Engineering'));
    expect(
      (
        await client.patch(
          `/Groups/${group.id}`,
          patchBody({ op: 'replace', path: 'displayName', value: 'R&D' }),
        )
      ).status,
    ).toBe(400);
    expect((await client.get('/Users?filter=userName%20sw%20%22a%22')).status).toBe(400);
    await client.post('/Users', userBody('carol'));
    await client.post('/Users', userBody('alice'));
    const sorted = await client.get('/Users?sortBy=userName');
    expect(sorted.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(['alice', 'carol']);
    expect((await client.post('/Users', userBody('ALICE'))).status).toBe(409);
  });
});
