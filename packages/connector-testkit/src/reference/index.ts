export { REFERENCE_MANIFEST } from './manifest.js';
export { toReferenceConfig, type ReferenceConfig } from './config.js';
export { InMemoryIdentityStore, type InMemoryIdentityStoreOptions } from './in-memory-identity-store.js';
export { ReferenceStores } from './reference-stores.js';
export { ReferenceStoreError, type ReferenceStoreErrorKind } from './reference-store-error.js';
export type { StoredRecord, RecordInput } from './stored-record.js';
export type { ChangeLogEntry } from './change-log.js';
export {
  FaultInjector,
  type OperationCall,
  type OperationStep,
  type StepHook,
  type StepPhase,
} from './fault-injector.js';
export { REFERENCE_OPERATIONS, type ReferenceOperation } from './reference-operation.js';
export { toCanonical } from './to-canonical.js';
export { fromCanonical, type FromCanonicalOptions } from './from-canonical.js';
export { ReferenceConnector } from './reference-connector.js';
export { createReferenceDefinition } from './reference-definition.js';
export { createReferenceConnectorModule } from './module.js';
export { createReferenceConformanceOptions } from './reference-conformance-options.js';
