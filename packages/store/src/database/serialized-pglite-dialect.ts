import { PGliteDialect, type DatabaseConnection, type Driver, type PGliteDialectConfig, type TransactionSettings } from 'kysely';

/**
 * PGlite is one single-user backend, and Kysely's PGlite driver hands the same connection to
 * every caller without waiting. Two callers at once would then interleave: a query sent while
 * another caller's transaction is open runs inside that transaction, and two transactions
 * started together overwrite each other's state. This driver hands the connection to one
 * caller at a time (a query, or a whole transaction), as a pool of size one would.
 *
 * Consequence: inside a transaction, use only the transaction's handle; a query through the
 * outer handle would wait for the transaction to end and so never run.
 */
class SerializedDriver implements Driver {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
    return this.inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      const release = this.#release;
      this.#release = undefined;
      release?.();
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  savepoint: Driver['savepoint'] = (connection, name, compile) => this.inner.savepoint!(connection, name, compile);
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (connection, name, compile) =>
    this.inner.rollbackToSavepoint!(connection, name, compile);
  releaseSavepoint: Driver['releaseSavepoint'] = (connection, name, compile) =>
    this.inner.releaseSavepoint!(connection, name, compile);

  async destroy(): Promise<void> {
    // Let the caller holding the connection finish before PGlite closes under it.
    await this.#tail;
    await this.inner.destroy();
  }
}

/** Kysely's own PGlite dialect with one caller at a time (see `SerializedDriver`). */
export class SerializedPGliteDialect extends PGliteDialect {
  constructor(config: PGliteDialectConfig) {
    super(config);
  }

  override createDriver(): Driver {
    return new SerializedDriver(super.createDriver());
  }
}
