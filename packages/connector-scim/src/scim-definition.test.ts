import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { capabilitiesOf, ConnectorError, validateConnectorConfig } from '@idsync/core';
import { createRecordingContext } from '@idsync/connector-testkit';
import type { ScimTarget as SimulatedTarget } from '@idsync/scim-target';
import { SCIM_MANIFEST } from './manifest.js';
import { openScimConnector, SCIM_DEFINITION } from './scim-definition.js';
import { ScimPatchConnector } from './scim-patch-connector.js';
import { BEARER, startBearerTarget } from './testing/conformance-setup.js';
import { caught } from './testing/make-target.js';

let v2: SimulatedTarget;
let v1NoPatch: SimulatedTarget;
beforeAll(async () => {
  v2 = await startBearerTarget({ profile: 'rfc', version: '2.0' });
  v1NoPatch = await startBearerTarget({ profile: 'rfc', version: '1.1', patch: false });
});
afterAll(async () => {
  await Promise.all([v2.close(), v1NoPatch.close()]);
});

const settingsFor = (target: SimulatedTarget, extra: Record<string, unknown> = {}) => ({
  baseUrl: target.baseUrl,
  authMethod: 'oauth-bearer',
  bearerToken: BEARER,
  ...extra,
});

describe('choosing the connector class', () => {
  it('open() exposes patch when the target says it supports PATCH', async () => {
    const connector = await openScimConnector(settingsFor(v2), createRecordingContext());
    expect(connector).toBeInstanceOf(ScimPatchConnector);
    expect(capabilitiesOf(connector).patch).toBe(true);
    await connector.close();
  });

  it('open() leaves patch out for a SCIM 1.1 target without PATCH, so the engine replaces', async () => {
    const connector = await openScimConnector(
      settingsFor(v1NoPatch, { scimVersion: '1.1' }),
      createRecordingContext(),
    );
    const capabilities = capabilitiesOf(connector);
    expect([capabilities.patch, capabilities.replace]).toEqual([false, true]);
    expect('patch' in connector).toBe(false);
    await connector.close();
  });

  it('create() never connects: discover gives the replace-only connector, patch the PATCH one', async () => {
    const before = v2.requests.size;
    const discover = SCIM_DEFINITION.create(
      validateConnectorConfig(SCIM_MANIFEST, settingsFor(v2)),
      createRecordingContext(),
    );
    const patch = SCIM_DEFINITION.create(
      validateConnectorConfig(SCIM_MANIFEST, settingsFor(v2, { patchMode: 'patch' })),
      createRecordingContext(),
    );
    expect([capabilitiesOf(discover).patch, capabilitiesOf(patch).patch]).toEqual([false, true]);
    expect(v2.requests.size).toBe(before);
    await Promise.all([discover.close(), patch.close()]);
  });

  it('patchMode replace keeps patch out even when the target has PATCH', async () => {
    const connector = await openScimConnector(
      settingsFor(v2, { patchMode: 'replace' }),
      createRecordingContext(),
    );
    expect(capabilitiesOf(connector).patch).toBe(false);
    await connector.close();
  });

  it('open() fails with the target’s answer when it cannot discover (wrong token)', async () => {
    const error = await caught(() =>
      openScimConnector(settingsFor(v2, { bearerToken: 'nope-Wrong-1234' }), createRecordingContext()),
    );
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('unauthorized');
    expect((error as ConnectorError).message).not.toContain('nope-Wrong-1234');
  });
});

describe('without PATCH, writes go by GET + PUT', () => {
  it('disables and changes memberships with PUT, keeping the other attributes', async () => {
    const connector = await openScimConnector(
      settingsFor(v1NoPatch, { scimVersion: '1.1' }),
      createRecordingContext(),
    );
    const user = await connector.create('User', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'put-only@example.test',
      title: 'Engineer',
      active: true,
    });
    const group = await connector.create('Group', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'PUT only',
    });
    v1NoPatch.requests.clear();
    await connector.disable('User', user.remoteId);
    await connector.addMembers(group.remoteId, [user.remoteId]);
    const methods = v1NoPatch.requests
      .all()
      .map((request) => `${request.method} ${request.relativePath.split('/')[1]}`);
    expect(methods.filter((method) => method.startsWith('PATCH'))).toEqual([]);
    expect(methods).toContain('PUT Users');
    expect(methods).toContain('PUT Groups');
    const stored = v1NoPatch.store.collection('User').get(user.remoteId);
    expect([stored?.active, stored?.title]).toEqual([false, 'Engineer']);
    const members = await new Promise<string[]>((resolve, reject) => {
      const ids: string[] = [];
      connector
        .readMembers(group.remoteId)
        .subscribe({ next: (page) => ids.push(...page), error: reject, complete: () => resolve(ids) });
    });
    expect(members).toEqual([user.remoteId]);
    await connector.close();
  });
});
