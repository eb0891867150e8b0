import { validateConnectorConfig } from '@idsync/core';
import { GROUP_SCHEMA, USER_SCHEMA, type ScimResource } from '@idsync/scim';
import { createRecordingContext, type RecordingContext } from '../conformance/recording-context.js';
import type { InMemoryIdentityStore } from './in-memory-identity-store.js';
import { REFERENCE_MANIFEST } from './manifest.js';
import type { ReferenceConnector } from './reference-connector.js';
import { createReferenceDefinition } from './reference-definition.js';
import { ReferenceStores } from './reference-stores.js';

/** A store named "hr" and a connector to it, as the tests of the reference connector use them. */
export interface ReferenceTestSetup {
  readonly stores: ReferenceStores;
  readonly store: InMemoryIdentityStore;
  readonly connector: ReferenceConnector;
  readonly context: RecordingContext;
}

export const TEST_ACCESS_KEY = 'hr-access-key-42';

export function setUpReference(pageSize = 2): ReferenceTestSetup {
  const stores = new ReferenceStores();
  const store = stores.create({ name: 'hr', accessKey: TEST_ACCESS_KEY });
  const context = createRecordingContext('hr-connection');
  const config = validateConnectorConfig(REFERENCE_MANIFEST, {
    name: 'hr',
    accessKey: TEST_ACCESS_KEY,
    pageSize,
  });
  const connector = createReferenceDefinition(stores).create(config, context) as ReferenceConnector;
  return { stores, store, connector, context };
}

export const user = (userName: string, extra: Record<string, unknown> = {}): ScimResource => ({
  schemas: [USER_SCHEMA],
  userName,
  displayName: `Name of ${userName}`,
  ...extra,
});

export const group = (displayName: string): ScimResource => ({ schemas: [GROUP_SCHEMA], displayName });
