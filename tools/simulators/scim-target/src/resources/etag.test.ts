import { afterEach, describe, expect, it } from '@jest/globals';
import { startScimTarget, type ScimTarget } from '../start-scim-target.js';
import { patchBody, userBody } from '../test-support/fixtures.js';
import { scimClient } from '../test-support/scim-http.js';

describe('ETags', () => {
  let target: ScimTarget;
  afterEach(() => target.close());

  it('serves meta.version as the ETag and answers If-None-Match with 304', async () => {
    target = await startScimTarget({ etag: true });
    const client = scimClient(target);
    const created = await client.post('/Users', userBody('bjensen'));
    const etag = created.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(created.body.meta.version).toBe(etag);
    const unchanged = await client.get(`/Users/${created.body.id}`, { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    expect((await client.get(`/Users/${created.body.id}`, { 'if-none-match': 'W/"other"' })).status).toBe(
      200,
    );
    expect((await client.get('/ServiceProviderConfig')).body.etag).toEqual({ supported: true });
  });

  it('refuses a write with a stale If-Match with 412 and keeps the other change', async () => {
    target = await startScimTarget({ etag: true });
    const client = scimClient(target);
    const { body: user, headers } = await client.post('/Users', userBody('bjensen'));
    const readVersion = headers.get('etag')!;
    target.store.users.update(user.id, (current) => ({ ...current, title: 'Changed elsewhere' }));
    const stale = await client.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'replace', path: 'title', value: 'Mine' }),
      { 'if-match': readVersion },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.status).toBe('412');
    expect(
      (await client.put(`/Users/${user.id}`, userBody('bjensen'), { 'if-match': readVersion })).status,
    ).toBe(412);
    expect((await client.delete(`/Users/${user.id}`, { 'if-match': readVersion })).status).toBe(412);
    expect(target.store.users.get(user.id)!.title).toBe('Changed elsewhere');

    const current = (await client.get(`/Users/${user.id}`)).headers.get('etag')!;
    const fresh = await client.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'replace', path: 'title', value: 'Mine' }),
      { 'if-match': current },
    );
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).not.toBe(current);
    expect((await client.delete(`/Users/${user.id}`, { 'if-match': '*' })).status).toBe(204);
  });

  it('keeps the version when a PATCH changes nothing', async () => {
    target = await startScimTarget({ etag: true });
    const client = scimClient(target);
    const { body: user, headers } = await client.post('/Users', userBody('bjensen', { title: 'Guide' }));
    const same = await client.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'replace', path: 'title', value: 'Guide' }),
    );
    expect(same.headers.get('etag')).toBe(headers.get('etag'));
  });

  it('without the option serves no version and ignores If-Match', async () => {
    target = await startScimTarget();
    const client = scimClient(target);
    const { body: user, headers } = await client.post('/Users', userBody('bjensen'));
    expect(headers.get('etag')).toBeNull();
    expect(user.meta.version).toBeUndefined();
    const answer = await client.put(`/Users/${user.id}`, userBody('bjensen'), { 'if-match': 'W/"stale"' });
    expect(answer.status).toBe(200);
  });
});
