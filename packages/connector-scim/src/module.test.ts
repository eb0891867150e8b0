import { describe, expect, it } from '@jest/globals';
import { capabilitiesOf, ConnectorRegistry, validateConnectorConfig } from '@idsync/core';
import { createRecordingContext } from '@idsync/connector-testkit';
import { Container } from 'inversify';
import { scimConnectorModule } from './module.js';

describe('scimConnectorModule', () => {
  it('registers the SCIM plugin under the id "scim"', async () => {
    const container = new Container();
    await container.load(scimConnectorModule);
    container.bind(ConnectorRegistry).toSelf().inSingletonScope();
    const registry = container.get(ConnectorRegistry);
    expect(registry.ids()).toEqual(['scim']);
    const definition = registry.get('scim');
    const settings = validateConnectorConfig(definition.manifest, {
      baseUrl: 'https://scim.example.test/v2',
      authMethod: 'oauth-bearer',
      bearerToken: 'module-test-token',
      patchMode: 'patch',
    });
    const connector = definition.create(settings, createRecordingContext());
    expect(capabilitiesOf(connector)).toMatchObject({
      read: true,
      find: true,
      patch: true,
      replace: true,
      membership: true,
    });
    await connector.close?.();
  });
});
