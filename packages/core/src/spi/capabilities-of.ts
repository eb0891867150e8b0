import type { Connector } from './connector-operations.js';

/** The operations a connector instance actually implements, read from the instance itself. */
export interface ImplementedOperations {
  readonly testConnection: boolean;
  readonly read: boolean;
  readonly find: boolean;
  /** `getMany` and `findEach`: planning looks up a page of objects in few requests. */
  readonly batchLookup: boolean;
  readonly incremental: boolean;
  readonly create: boolean;
  readonly patch: boolean;
  readonly replace: boolean;
  readonly disable: boolean;
  readonly delete: boolean;
  readonly membership: boolean;
}

const isFunction = (value: unknown): boolean => typeof value === 'function';

/**
 * Reads capabilities from what is implemented, as ConnId does: the engine never trusts a flag
 * that a method contradicts. No `patch` → updates go by full replace; no `changesSince` →
 * every run is a full reconciliation.
 */
export function capabilitiesOf(connector: Connector): ImplementedOperations {
  return {
    testConnection: isFunction(connector.testConnection),
    read: isFunction(connector.read),
    find: isFunction(connector.find) && isFunction(connector.get),
    batchLookup: isFunction(connector.getMany) && isFunction(connector.findEach),
    incremental: isFunction(connector.changesSince) && isFunction(connector.latestToken),
    create: isFunction(connector.create),
    patch: isFunction(connector.patch),
    replace: isFunction(connector.replace),
    disable: isFunction(connector.disable),
    delete: isFunction(connector.delete),
    membership:
      isFunction(connector.readMembers) &&
      isFunction(connector.addMembers) &&
      isFunction(connector.removeMembers),
  };
}
