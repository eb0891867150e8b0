import { injectable, multiInject, optional } from 'inversify';
import type { ConnectorDefinition } from './connector-definition.js';
import { CONNECTOR_DEFINITION } from './connector-token.js';
import { UnknownConnectorError } from './unknown-connector-error.js';

/** Finds connector plugins by manifest id among those bound in the container. */
@injectable()
export class ConnectorRegistry {
  private readonly byId: ReadonlyMap<string, ConnectorDefinition>;

  constructor(@multiInject(CONNECTOR_DEFINITION) @optional() definitions: ConnectorDefinition[] = []) {
    const byId = new Map<string, ConnectorDefinition>();
    for (const definition of definitions ?? []) {
      const id = definition.manifest.id;
      if (byId.has(id)) throw new Error(`Two connector plugins declare the id "${id}"; ids must be unique.`);
      byId.set(id, definition);
    }
    this.byId = byId;
  }

  get(id: string): ConnectorDefinition {
    const definition = this.byId.get(id);
    if (!definition) throw new UnknownConnectorError(id, [...this.byId.keys()]);
    return definition;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  ids(): string[] {
    return [...this.byId.keys()].sort();
  }
}
