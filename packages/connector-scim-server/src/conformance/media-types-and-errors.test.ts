import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify from 'fastify';
import type { HubStore } from '@idsync/core';
import { SCIM_V2_ERROR_URN } from '@idsync/scim';
import { hashScimSecret } from '../auth/scim-secret-hash.js';
import { scimServerPlugin } from '../scim-server-plugin.js';
import { openTestStore, type TestStore } from '../testing/open-test-store.js';
import { userBody } from '../testing/scim-fixtures.js';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

let server: ScimTestServer;
beforeAll(async () => {
  server = await startScimTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('media types', () => {
  it('accepts application/json as well as application/scim+json', async () => {
    const response = await server.v2('/Users', {
      method: 'POST',
      body: userBody('media.json'),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(response.status).toBe(201);
  });

  it('answers application/scim+json, or application/json to a client that accepts only that', async () => {
    expect((await server.v2('/Users')).headers.get('content-type')).toBe(
      'application/scim+json; charset=utf-8',
    );
    const plain = await server.v2('/Users', { headers: { accept: 'application/json' } });
    expect(plain.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('refuses another media type with 415 and a SCIM error body', async () => {
    const response = await server.v2('/Users', {
      method: 'POST',
      rawBody: 'userName=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ schemas: [SCIM_V2_ERROR_URN], status: '415' });
  });
});

describe('paths', () => {
  it('serves resource paths in any case, as Entra ID sends them', async () => {
    const created = await server.v2('/users', { method: 'POST', body: userBody('path.lower') });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${server.origin}/scim/v2/Users/${created.body.id}`);
    expect((await server.v2(`/USERS/${created.body.id}`)).body.userName).toBe('path.lower');
    expect((await server.v2('/groups?count=0')).status).toBe(200);
    expect((await server.v2('/serviceproviderconfig')).body.patch).toEqual({ supported: true });
    expect(
      (await server.v2('/users/.SEARCH', { method: 'POST', body: { filter: 'userName eq "path.lower"' } }))
        .body.totalResults,
    ).toBe(1);
    expect((await server.v2('/Users/', { method: 'GET' })).status).toBe(200);
  });

  it('answers an unknown endpoint with 404 and a wrong method with 405, both as SCIM errors', async () => {
    const unknown = await server.v2('/Printers');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ schemas: [SCIM_V2_ERROR_URN], status: '404' });
    const method = await server.v2('/Users', { method: 'PUT', body: userBody('x') });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET, POST');
    expect(method.body.status).toBe('405');
  });
});

describe('public URL', () => {
  it('builds Location and meta.location from publicUrl, under the mount prefix the host chose', async () => {
    const { store, dispose } = await openTestStore('pglite');
    const app = Fastify({ logger: false });
    try {
      await app.register(scimServerPlugin, {
        prefix: '/idsync',
        hub: store.hub,
        publicUrl: 'https://id.example.com/',
        clients: [{ id: 'a', bearerTokenHashes: [hashScimSecret('t0ken-t0ken')] }],
      });
      const headers = { authorization: 'Bearer t0ken-t0ken', 'content-type': 'application/scim+json' };
      const created = await app.inject({
        method: 'POST',
        url: '/idsync/scim/v2/Users',
        headers,
        payload: userBody('public.url'),
      });
      const id = created.json().id;
      expect(created.headers.location).toBe(`https://id.example.com/idsync/scim/v2/Users/${id}`);
      expect(created.json().meta.location).toBe(`https://id.example.com/idsync/scim/v2/Users/${id}`);
      const head = await app.inject({ method: 'HEAD', url: `/idsync/scim/v2/Users/${id}`, headers });
      expect(head.statusCode).toBe(200);
      expect(head.headers.etag).toBe('W/"1"');
    } finally {
      await app.close();
      await dispose();
    }
  });
});

describe('internal failures', () => {
  let store: TestStore;
  afterAll(async () => {
    await store.dispose();
  });

  it('answer 500 with a SCIM error body that reveals nothing of the cause', async () => {
    store = await openTestStore('pglite');
    const failing: HubStore = Object.create(store.store.hub, {
      search: {
        value: async () => Promise.reject(new Error('connection to 10.1.2.3 lost: password=hunter2')),
      },
    });
    const app = Fastify({ logger: false });
    await app.register(scimServerPlugin, {
      hub: failing,
      clients: [{ id: 'a', bearerTokenHashes: [hashScimSecret('t0ken-t0ken')] }],
    });
    const response = await app.inject({
      method: 'GET',
      url: '/scim/v2/Users',
      headers: { authorization: 'Bearer t0ken-t0ken' },
    });
    await app.close();
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(body).toMatchObject({ schemas: [SCIM_V2_ERROR_URN], status: '500' });
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('10.1.2.3');
  });
});
