import { describe, expect, it } from '@jest/globals';
import { capabilitiesOf, ConnectorRegistry, redactSecrets, validateConnectorConfig } from '@idsync/core';
import { Container } from 'inversify';
import { createRecordingContext } from '../conformance/recording-context.js';
import { createReferenceConnectorModule } from './module.js';
import { ReferenceStores } from './reference-stores.js';

async function registryWith(stores: ReferenceStores): Promise<ConnectorRegistry> {
  const container = new Container();
  await container.load(createReferenceConnectorModule(stores));
  container.bind(ConnectorRegistry).toSelf().inSingletonScope();
  return container.get(ConnectorRegistry);
}

describe('the reference connector module', () => {
  it('registers the plugin under the id "reference"', async () => {
    const registry = await registryWith(new ReferenceStores());
    expect(registry.ids()).toEqual(['reference']);
    expect(
      registry.get('reference').manifest.configFields.find((field) => field.key === 'accessKey')?.secret,
    ).toBe(true);
  });

  it('makes connectors that implement every operation, over the store their config names', async () => {
    const stores = new ReferenceStores();
    const store = stores.create({ name: 'hr', accessKey: 'key-hr-1' });
    const definition = (await registryWith(stores)).get('reference');
    const config = validateConnectorConfig(definition.manifest, { name: 'hr', accessKey: 'key-hr-1' });
    expect(config.pageSize).toBe(100);
    const connector = definition.create(config, createRecordingContext());
    expect(Object.values(capabilitiesOf(connector)).every(Boolean)).toBe(true);
    const created = await connector.create?.('User', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'ada',
    });
    expect(store.get('User', created?.remoteId ?? '')).toBeDefined();
  });

  it('creates a store on first use when the app did not, accepting the configured key', async () => {
    const stores = new ReferenceStores();
    const definition = (await registryWith(stores)).get('reference');
    const config = validateConnectorConfig(definition.manifest, { name: 'demo', accessKey: 'demo-key' });
    const result = await definition.create(config, createRecordingContext()).testConnection?.();
    expect(result?.ok).toBe(true);
    expect(stores.names()).toEqual(['demo']);
  });

  it('has its access key hidden by redaction and required by validation', async () => {
    const { manifest } = (await registryWith(new ReferenceStores())).get('reference');
    expect(redactSecrets(manifest, { name: 'hr', accessKey: 'key-hr-1' })).toEqual({
      name: 'hr',
      accessKey: '********',
    });
    expect(() => validateConnectorConfig(manifest, { name: 'hr' })).toThrow(/config\.accessKey: is required/);
  });
});
