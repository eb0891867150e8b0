/**
 * The preferences PingOne exposes for an outbound connection, plus idsync's own safety and
 * execution settings. Defaults are in `DEFAULT_CONNECTION_PREFERENCES`.
 */
export interface ConnectionPreferences {
  /** Correlation filter with one `%s`, filled (escaped) with the user identifier: `userName eq "%s"`. */
  readonly userFilterExpression: string;
  /** The attribute of the mapped target object that fills `%s`: `userName`, `emails[type eq "work"].value`, `externalId`… */
  readonly userIdentifier: string;
  /** Extension schema URNs the target understands (comma-delimited in PingOne's form). */
  readonly customSchemaUrns: readonly string[];
  /** overwrite: remote group = hub group. merge: add and remove only memberships idsync created. */
  readonly membershipHandling: 'merge' | 'overwrite';
  readonly allowCreate: boolean;
  readonly allowUpdate: boolean;
  readonly allowDisable: boolean;
  readonly allowDeprovision: boolean;
  /** What happens to a remote user that leaves every rule's scope. */
  readonly removeAction: 'disable' | 'delete';
  /** On rule deletion: deprovision what only that rule provisioned (true) or release the links (false). */
  readonly deprovisionOnRuleDeletion: boolean;
  /** Create users that are disabled in the hub (created inactive) instead of skipping them. */
  readonly provisionDisabledUsers: boolean;
}

/** The deletion circuit breaker (safety rule 2): a run beyond either threshold stops before writing. */
export interface DeletionGuardSettings {
  /** Largest share (0..1) of linked objects one run may disable or delete. */
  readonly maxShare: number;
  /** Largest number of objects one run may disable or delete. */
  readonly maxCount: number;
  /**
   * The share limit applies only from this many removals on, so that removing 2 of 5 test
   * users does not need an approval while 2,000 of 5,000 does.
   */
  readonly minRemovalsForShare: number;
}

export interface ExecutionSettings {
  readonly maxConcurrency: number;
  readonly requestsPerSecond: number;
  readonly burst: number;
  readonly maxAttempts: number;
  /** Consecutive connection-level failures that quarantine the connection. */
  readonly quarantineAfter: number;
}

/** One configured instance of a connector. */
export interface Connection {
  readonly id: string;
  readonly name: string;
  /** The plugin's manifest id. */
  readonly connectorId: string;
  /** Validated connector settings; secret values are present only in memory, never persisted in clear. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly preferences: ConnectionPreferences;
  readonly deletionGuard: DeletionGuardSettings;
  readonly execution: ExecutionSettings;
}

export const DEFAULT_CONNECTION_PREFERENCES: ConnectionPreferences = {
  userFilterExpression: 'userName eq "%s"',
  userIdentifier: 'userName',
  customSchemaUrns: [],
  membershipHandling: 'merge',
  allowCreate: true,
  allowUpdate: true,
  allowDisable: true,
  allowDeprovision: false,
  removeAction: 'disable',
  deprovisionOnRuleDeletion: false,
  provisionDisabledUsers: false,
};

export const DEFAULT_DELETION_GUARD: DeletionGuardSettings = {
  maxShare: 0.1,
  maxCount: 500,
  minRemovalsForShare: 10,
};

export const DEFAULT_EXECUTION_SETTINGS: ExecutionSettings = {
  maxConcurrency: 8,
  requestsPerSecond: 50,
  burst: 50,
  maxAttempts: 5,
  quarantineAfter: 10,
};
