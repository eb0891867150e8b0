export { openStore, type IdsyncStore, type StoreOptions } from './open-store.js';
export { DEFAULT_DATA_DIR, MEMORY_DATA_DIR } from './database/connect-database.js';
export type { StoreDatabase } from './database/database-schema.js';
export { StoreSchemaError, type SchemaStatus } from './migrations/migrate-store.js';
export { STORE_MIGRATIONS } from './migrations/store-migrations.js';
export { SecretKeyError } from './secrets/secret-key-error.js';
export { SECRET_KEY_ENV, generateSecretKey, secretKeyId } from './secrets/secret-key.js';
