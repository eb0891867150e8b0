import { describe, expect, it } from '@jest/globals';
import { Container, ContainerModule } from 'inversify';
import type { ConnectorDefinition } from './connector-definition.js';
import type { ConnectorManifest } from './connector-manifest.js';
import { ConnectorRegistry } from './connector-registry.js';
import { CONNECTOR_DEFINITION } from './connector-token.js';
import { UnknownConnectorError } from './unknown-connector-error.js';

const manifest = (id: string): ConnectorManifest => ({
  id,
  version: '1.0.0',
  displayName: id,
  description: `${id} test plugin`,
  configFields: [],
  capabilities: { objectTypes: ['User'], filterOperators: ['eq'], pageSize: 100, softDelete: true },
});

const plugin = (id: string) =>
  new ContainerModule(({ bind }) => {
    const definition: ConnectorDefinition = { manifest: manifest(id), create: () => ({}) };
    bind(CONNECTOR_DEFINITION).toConstantValue(definition);
  });

async function containerWith(...ids: string[]): Promise<Container> {
  const container = new Container();
  await container.load(...ids.map(plugin));
  container.bind(ConnectorRegistry).toSelf().inSingletonScope();
  return container;
}

describe('ConnectorRegistry', () => {
  it('finds plugins loaded as container modules by manifest id', async () => {
    const registry = (await containerWith('alpha', 'beta')).get(ConnectorRegistry);
    expect(registry.ids()).toEqual(['alpha', 'beta']);
    expect(registry.get('beta').manifest.displayName).toBe('beta');
  });

  it('names the available plugins when an id is unknown', async () => {
    const registry = (await containerWith('alpha')).get(ConnectorRegistry);
    expect(() => registry.get('ldap')).toThrow(UnknownConnectorError);
    expect(() => registry.get('ldap')).toThrow(/"ldap".*Available: alpha/);
  });

  it('works with no plugins at all', async () => {
    const registry = (await containerWith()).get(ConnectorRegistry);
    expect(registry.ids()).toEqual([]);
    expect(registry.has('alpha')).toBe(false);
  });

  it('refuses two plugins with the same id', async () => {
    const container = await containerWith('alpha', 'alpha');
    expect(() => container.get(ConnectorRegistry)).toThrow(/unique/);
  });
});
