import type { Clock, ConnectorContext, ObjectType, RemoteObject } from '@idsync/core';
import { createCoreRegistry, type ScimResource, type SchemaRegistry } from '@idsync/scim';
import type { ScimConnectorConfig } from './config.js';
import { discoverCapabilities, type DiscoveredCapabilities } from './discovery/discover-capabilities.js';
import { fromCanonical } from './from-canonical.js';
import { presetFor } from './presets/preset-for.js';
import type { ScimPreset } from './presets/scim-preset.js';
import { ScimClient } from './scim-client.js';
import { toCanonical } from './to-canonical.js';

export interface ScimTargetOptions {
  readonly clock?: Clock;
}

/**
 * One SCIM target as the operations see it: the HTTP client, the preset, what discovery
 * learnt (asked once, on first need, and asked again if that failed), the resource paths and
 * the codec for the target's SCIM version. The operations are functions over this object,
 * so both connector classes share them.
 */
export class ScimTarget {
  readonly client: ScimClient;
  readonly preset: ScimPreset;
  readonly registry: SchemaRegistry = createCoreRegistry();
  #discovery: Promise<DiscoveredCapabilities> | undefined;
  /**
   * Groups this instance re-created under a new id to rename them (Atlassian), old id → new.
   * The SPI's update methods cannot report a new remote id, so later calls in the same run
   * that still use the old id are sent to the new group.
   */
  readonly #renamedGroups = new Map<string, string>();
  /** Types whose combined look-ups (`… or …`) the target refused: one request per item from then on. */
  readonly #combiningRefused = new Set<ObjectType>();

  constructor(
    readonly config: ScimConnectorConfig,
    readonly context: ConnectorContext,
    options: ScimTargetOptions = {},
  ) {
    this.preset = presetFor(config.preset);
    this.client = new ScimClient(config, {
      log: context.log,
      ...(options.clock ? { clock: options.clock } : {}),
    });
  }

  /** The target's capabilities, discovered once per instance. A failed discovery is not remembered. */
  capabilities(): Promise<DiscoveredCapabilities> {
    this.#discovery ??= discoverCapabilities(this.client, this.preset).catch((error: unknown) => {
      this.#discovery = undefined;
      throw error;
    });
    return this.#discovery;
  }

  /** Whether this instance sends PATCH: by configuration, or by what discovery found. */
  async usesPatch(): Promise<boolean> {
    if (this.config.patchMode !== 'discover') return this.config.patchMode === 'patch';
    return (await this.capabilities()).capabilities.patch.supported;
  }

  resourcePath(type: ObjectType): string {
    return type === 'User' ? this.config.usersResource : this.config.groupsResource;
  }

  objectPath(type: ObjectType, remoteId: string): string {
    return `${this.resourcePath(type)}/${encodeURIComponent(this.currentId(type, remoteId))}`;
  }

  /** The id an object has now: a group renamed by re-creation has a new one. */
  currentId(type: ObjectType, remoteId: string): string {
    if (type !== 'Group') return remoteId;
    let id = remoteId;
    for (let hops = 0; hops < 10 && this.#renamedGroups.has(id); hops++) id = this.#renamedGroups.get(id)!;
    return id;
  }

  recordGroupRename(oldId: string, newId: string): void {
    this.#renamedGroups.set(oldId, newId);
  }

  /** Whether a combined look-up of this type may be tried: not after the target refused one. */
  combinesLookups(type: ObjectType): boolean {
    return !this.#combiningRefused.has(type);
  }

  /** Remembers, for this connector instance, that the target cannot answer combined look-ups of a type. */
  recordCombiningRefused(type: ObjectType, why: string): void {
    if (this.#combiningRefused.has(type)) return;
    this.#combiningRefused.add(type);
    this.log(
      'warn',
      `The target refused a combined look-up of ${type}s; looking them up one by one from now on.`,
      {
        why,
      },
    );
  }

  /** Objects per request: what was asked, capped by the config, the preset and the target's maxResults. */
  async pageSize(requested?: number): Promise<number> {
    const { capabilities } = await this.capabilities();
    const limits = [
      requested ?? this.config.pageSize,
      this.preset.maxPageSize,
      capabilities.filter.maxResults || undefined,
    ];
    return Math.max(
      1,
      Math.min(...limits.filter((limit): limit is number => limit !== undefined && limit > 0)),
    );
  }

  /** Membership changes per PATCH: the config's value or the preset's default, never above the preset's limit. */
  membersPerRequest(): number {
    const wanted = this.config.maxMembersPerRequest ?? this.preset.defaultMembersPerRequest;
    return Math.min(wanted, this.preset.maxMembersPerRequest ?? Number.POSITIVE_INFINITY);
  }

  decode(type: ObjectType, body: unknown): RemoteObject {
    return toCanonical(type, body, this.config.version);
  }

  /** `decode`, keeping a group's `members`: for read-modify-write of the group itself. */
  decodeWithMembers(type: ObjectType, body: unknown): RemoteObject {
    return toCanonical(type, body, this.config.version, { keepMembers: true });
  }

  encode(type: ObjectType, resource: ScimResource): ScimResource {
    return fromCanonical(type, resource, { version: this.config.version, preset: this.preset });
  }

  /** The version to send as If-Match, when the target does ETags and the object has one. */
  async ifMatchFor(
    etag: string | undefined,
    resource: ScimResource | undefined,
  ): Promise<string | undefined> {
    if (!(await this.capabilities()).capabilities.etag.supported) return undefined;
    return etag ?? (typeof resource?.meta?.version === 'string' ? resource.meta.version : undefined);
  }

  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void {
    const redactor = this.client.redactor;
    this.context.log(
      level,
      redactor.redact(message),
      fields && (redactor.redactValue(fields) as Record<string, unknown>),
    );
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
