import {
  validateConnectorConfig,
  type Connector,
  type ConnectorContext,
  type ConnectorDefinition,
} from '@idsync/core';
import { createCoreRegistry, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '@idsync/scim';
import type { ConformanceOptions } from '../conformance/conformance-options.js';
import { fromCanonical } from './from-canonical.js';
import type { InMemoryIdentityStore } from './in-memory-identity-store.js';
import { REFERENCE_MANIFEST } from './manifest.js';
import type { ReferenceConnector } from './reference-connector.js';
import { createReferenceDefinition } from './reference-definition.js';
import { ReferenceStores } from './reference-stores.js';
import { toCanonical } from './to-canonical.js';

const STORE_NAME = 'conformance';
const ACCESS_KEY = 'conformance-access-key';

/**
 * The conformance options of the reference connector: a fresh in-memory store per check, the
 * store hooks (seed, remove, inspect) and samples. It doubles as the example a connector author
 * copies. `wrap` lets tests of the suite swap in a deliberately broken variant.
 */
export function createReferenceConformanceOptions(
  wrap: (
    connector: ReferenceConnector,
    store: InMemoryIdentityStore,
    context: ConnectorContext,
  ) => Connector = (connector) => connector,
): ConformanceOptions {
  const stores = new ReferenceStores();
  const plain = createReferenceDefinition(stores);
  // Every connector the definition makes is wrapped, the probe and the bad-credentials one included.
  const definition: ConnectorDefinition = {
    manifest: plain.manifest,
    create: (config, context) => {
      const connector = plain.create(config, context) as ReferenceConnector;
      return wrap(connector, stores.get(STORE_NAME) as InMemoryIdentityStore, context);
    },
  };
  // A small page size, so a handful of objects already spans several pages and change batches.
  const sampleConfig = { name: STORE_NAME, accessKey: ACCESS_KEY, pageSize: 2 };
  const registry = createCoreRegistry();
  return {
    definition,
    sampleConfig,
    badCredentialsConfig: { ...sampleConfig, accessKey: 'not-the-conformance-key' },
    async connect(context) {
      stores.drop(STORE_NAME);
      const store = stores.create({ name: STORE_NAME, accessKey: ACCESS_KEY });
      return {
        connector: definition.create(validateConnectorConfig(REFERENCE_MANIFEST, sampleConfig), context),
        seed: async (type, resources) =>
          resources.map(
            (resource) =>
              store.insert(type, fromCanonical(type, resource, { registry, mode: 'create' })).remoteId,
          ),
        remove: async (type, remoteId) => store.remove(type, remoteId),
        inspect: async (type, remoteId) => {
          const record = store.get(type, remoteId);
          return record && toCanonical(record).resource;
        },
      };
    },
    samples: {
      user: (tag) => ({
        schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        userName: `${tag}@example.org`,
        displayName: `User ${tag}`,
        name: { givenName: 'Ada', familyName: `Lovelace ${tag}` },
        emails: [{ value: `${tag}@example.org`, type: 'work', primary: true }],
        active: true,
        [ENTERPRISE_USER_SCHEMA]: { department: 'Engineering', employeeNumber: tag },
      }),
      group: (tag) => ({ schemas: [GROUP_SCHEMA], displayName: `Group ${tag}` }),
      editableAttribute: 'displayName',
    },
  };
}
