import { afterEach, describe, expect, it } from '@jest/globals';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, RESOURCE_TYPE_SCHEMA, USER_SCHEMA } from '@idsync/scim';
import { startScimTarget, type ScimTarget } from '../start-scim-target.js';
import { scimClient } from '../test-support/scim-http.js';

describe('SCIM 2.0 discovery endpoints', () => {
  let target: ScimTarget;
  afterEach(() => target.close());

  it('advertises the running configuration in /ServiceProviderConfig', async () => {
    target = await startScimTarget({ etag: true, patch: false, pageSize: { max: 50 } });
    const config = (await scimClient(target).get('/ServiceProviderConfig')).body;
    expect(config).toMatchObject({
      patch: { supported: false },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 50 },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [],
      meta: { resourceType: 'ServiceProviderConfig', location: `${target.baseUrl}/ServiceProviderConfig` },
    });
  });

  it('lists the resource types and schemas, and serves each by id', async () => {
    target = await startScimTarget();
    const client = scimClient(target);
    const types = (await client.get('/ResourceTypes')).body;
    expect(types.totalResults).toBe(2);
    expect(types.Resources.map((rt: { id: string }) => rt.id).sort()).toEqual(['Group', 'User']);
    expect((await client.get('/ResourceTypes/User')).body).toMatchObject({
      schemas: [RESOURCE_TYPE_SCHEMA],
      endpoint: '/Users',
    });
    const schemas = (await client.get('/Schemas')).body;
    expect(schemas.Resources.map((s: { id: string }) => s.id).sort()).toEqual(
      [ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA].sort(),
    );
    const user = await client.get(`/Schemas/${USER_SCHEMA}`);
    expect(user.body.attributes.some((a: { name: string }) => a.name === 'userName')).toBe(true);
    expect((await client.get('/Schemas/urn:example:unknown')).status).toBe(404);
  });

  it('refuses filters on discovery endpoints with 403', async () => {
    target = await startScimTarget();
    const answer = await scimClient(target).get('/Schemas?filter=id%20eq%20%22x%22');
    expect(answer.status).toBe(403);
    expect(answer.body.status).toBe('403');
  });
});
