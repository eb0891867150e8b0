import { InMemoryIdentityStore, type InMemoryIdentityStoreOptions } from './in-memory-identity-store.js';

/**
 * The in-memory stores of one process, by name. A connection's `config.name` picks its store,
 * so two connections with the same name see the same data (as two connections to one LDAP
 * server would) and a test can reach the store the engine's connector talks to.
 *
 * One registry per container or test, never a module-level singleton: tests must not share state.
 */
export class ReferenceStores {
  private readonly stores = new Map<string, InMemoryIdentityStore>();

  /** Creates a store; a second store with the same name is a mistake in the test, so it throws. */
  create(options: InMemoryIdentityStoreOptions): InMemoryIdentityStore {
    if (this.stores.has(options.name)) {
      throw new Error(
        `A reference store named "${options.name}" already exists; pick another name or use get().`,
      );
    }
    const store = new InMemoryIdentityStore(options);
    this.stores.set(options.name, store);
    return store;
  }

  get(name: string): InMemoryIdentityStore | undefined {
    return this.stores.get(name);
  }

  /**
   * The store a connection with this name and key talks to. A store that does not exist yet is
   * created accepting `accessKey`, so a configuration file alone can run the reference connector.
   */
  open(name: string, accessKey: string): InMemoryIdentityStore {
    return this.stores.get(name) ?? this.create({ name, accessKey });
  }

  /** Forgets a store, so the next `create` or `open` of that name starts empty (a fresh server). */
  drop(name: string): void {
    this.stores.delete(name);
  }

  names(): string[] {
    return [...this.stores.keys()].sort();
  }
}
