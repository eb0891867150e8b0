import {
  compileFilter,
  createCoreRegistry,
  USER_SCHEMA,
  type FilterNode,
  type ScimResource,
} from '@idsync/scim';
import { executeOne } from '../../execute/execute-one.js';
import { Executor } from '../../execute/executor.js';
import { ManualClock } from '../../execute/manual-clock.js';
import {
  DEFAULT_CONNECTION_PREFERENCES,
  DEFAULT_DELETION_GUARD,
  DEFAULT_EXECUTION_SETTINGS,
  type Connection,
} from '../../model/connection.js';
import type { HubObject } from '../../model/hub-object.js';
import type { Link } from '../../model/link.js';
import type { ObjectType } from '../../model/object-type.js';
import type { LinkStore } from '../../ports/link-store.js';
import type { HubStore } from '../../ports/hub-store.js';
import { compileRule } from '../../rules/compiled-rule.js';
import { capabilitiesOf } from '../../spi/capabilities-of.js';
import type { Connector } from '../../spi/connector-operations.js';
import type { RemoteObject } from '../../spi/remote-object.js';
import { compileIdentifierReader } from '../build-correlation-filter.js';
import { executionPolicyOf } from '../execution-policy-of.js';
import type { EngineStores, OutboundContext } from '../outbound-context.js';
import type { HubCandidate } from '../stages/read-hub-candidates.js';

/*
 * The planning stages without a database or a network: hub objects and links in maps, a
 * remote store in a map behind a connector that counts its calls and can be told to fail, and
 * the real executor on virtual time (ManualClock) pacing every remote read.
 */

export type LookupCall = 'get' | 'find' | 'getMany' | 'findEach';

/** Decides, per call, whether the remote store fails it (return the error) or answers. */
export type FaultScript = (call: LookupCall, detail: { remoteIds?: readonly string[] }) => Error | undefined;

const registry = createCoreRegistry();

/** The remote side: objects by remote id, and the calls made to it. */
export class FakeRemote {
  readonly objects = new Map<string, RemoteObject>();
  readonly calls: { call: LookupCall; size: number }[] = [];
  fault: FaultScript = () => undefined;

  add(remoteId: string, userName: string): RemoteObject {
    const object: RemoteObject = {
      remoteId,
      type: 'User',
      resource: { schemas: [USER_SCHEMA], id: remoteId, userName, active: true },
    };
    this.objects.set(remoteId, object);
    return object;
  }

  count(call: LookupCall): number {
    return this.calls.filter((each) => each.call === call).length;
  }

  private enter(call: LookupCall, size: number, remoteIds?: readonly string[]): void {
    this.calls.push({ call, size });
    const error = this.fault(call, remoteIds ? { remoteIds } : {});
    if (error) throw error;
  }

  private matching(filter: FilterNode): RemoteObject[] {
    const matches = compileFilter(filter, { registry, scope: registry.scopeOf('User') });
    return [...this.objects.values()].filter((object) => matches(object.resource));
  }

  /** A connector with every look-up; `batch: false` leaves out getMany and findEach. */
  connector(options: { batch: boolean }): Connector {
    const lookups: Connector = {
      get: async (_type, remoteId) => {
        this.enter('get', 1, [remoteId]);
        return this.objects.get(remoteId);
      },
      find: async (_type, filter) => {
        this.enter('find', 1);
        return this.matching(filter);
      },
    };
    if (!options.batch) return lookups;
    return {
      ...lookups,
      getMany: async (_type, remoteIds) => {
        this.enter('getMany', remoteIds.length, remoteIds);
        return new Map(
          remoteIds.flatMap((id) => (this.objects.has(id) ? [[id, this.objects.get(id)!] as const] : [])),
        );
      },
      findEach: async (_type, filters) => {
        this.enter('findEach', filters.length);
        return filters.map((filter) => this.matching(filter));
      },
    };
  }
}

/** The hub side: objects and links in maps, behind just the store methods planning uses. */
export class FakeHub {
  readonly objects = new Map<string, HubObject>();
  readonly links = new Map<string, Link>();
  linkReads = 0;

  addUser(id: string, userName: string): HubCandidate {
    const resource: ScimResource = { schemas: [USER_SCHEMA], id, userName, active: true };
    const object: HubObject = {
      id,
      type: 'User',
      populationId: 'p',
      resource,
      version: 1,
      createdAt: '',
      updatedAt: '',
    };
    this.objects.set(id, object);
    return { hubId: id, object };
  }

  link(hubId: string, remoteId: string, extra: Partial<Link> = {}): void {
    this.links.set(hubId, {
      connectionId: 'target',
      objectType: 'User',
      hubId,
      remoteId,
      ruleIds: ['all'],
      state: 'in-sync',
      attempts: 0,
      updatedAt: '',
      ...extra,
    });
  }

  stores(): EngineStores {
    const links: Partial<LinkStore> = {
      getMany: async (_connectionId: string, _type: ObjectType, hubIds: readonly string[]) => {
        this.linkReads++;
        return new Map(
          hubIds.flatMap((id) => (this.links.has(id) ? [[id, this.links.get(id)!] as const] : [])),
        );
      },
      getByRemoteId: async (_connectionId: string, _type: ObjectType, remoteId: string) =>
        [...this.links.values()].find((link) => link.remoteId === remoteId),
    };
    const hub: Partial<HubStore> = {
      get: async (_type: ObjectType, id: string) => this.objects.get(id),
      groupsOf: async () => [],
    };
    return { hub, links } as unknown as EngineStores;
  }
}

export interface PlanningFixture {
  readonly context: OutboundContext;
  readonly clock: ManualClock;
}

/** A context for planning stages over the fakes, with one rule mapping userName and active. */
export function planningFixture(
  hub: FakeHub,
  connector: Connector,
  execution: Partial<Connection['execution']> = {},
): PlanningFixture {
  const clock = new ManualClock();
  const executor = new Executor({ clock, random: () => 0 });
  const connection: Connection = {
    id: 'target',
    name: 'Target',
    connectorId: 'fake',
    config: {},
    preferences: DEFAULT_CONNECTION_PREFERENCES,
    deletionGuard: DEFAULT_DELETION_GUARD,
    execution: { ...DEFAULT_EXECUTION_SETTINGS, requestsPerSecond: 1_000, burst: 1_000, ...execution },
  };
  const rule = compileRule(
    {
      id: 'all',
      name: 'All users',
      direction: 'outbound',
      connectionId: 'target',
      objectType: 'User',
      enabled: true,
      scope: {},
      mappings: [
        { target: 'userName', kind: 'direct', source: 'userName' },
        { target: 'active', kind: 'direct', source: 'active' },
      ],
    },
    registry,
  );
  const policy = executionPolicyOf(connection);
  const context: OutboundContext = {
    runId: 'run-1',
    connection,
    connector,
    implemented: capabilitiesOf(connector),
    declared: { objectTypes: ['User'], filterOperators: ['eq'], pageSize: 100, softDelete: true },
    objectType: 'User',
    rules: [rule],
    ownedRuleIds: new Set(['all']),
    registry,
    correlation: {
      template: DEFAULT_CONNECTION_PREFERENCES.userFilterExpression,
      readIdentifier: compileIdentifierReader(DEFAULT_CONNECTION_PREFERENCES),
    },
    stores: hub.stores(),
    pageSize: 100,
    readRemote: (read) => executeOne(executor, connection.id, () => read(), policy),
    now: () => new Date(clock.now()).toISOString(),
  };
  return { context, clock };
}

/** Runs `work` to completion on virtual time: every timer it sets (backoff, Retry-After) fires. */
export async function onVirtualTime<T>(clock: ManualClock, work: () => Promise<T>): Promise<T> {
  const settled = work().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  await clock.runUntilIdle();
  const outcome = await settled;
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
