import type { HubObject, HubSearchOptions, HubStore, ObjectType } from '@idsync/core';
import {
  applyPatch,
  ScimError,
  validateResource,
  type PatchOperation,
  type SchemaRegistry,
  type ScimResource,
} from '@idsync/scim';
import type { ClientActor } from '../http/scim-call.js';
import { ClientView, type ConfinedResource } from './client-view.js';
import { assertIfMatch } from './entity-tag.js';
import { resolveGroupMembers } from './resolve-group-members.js';

/** A resource as one client sees it, with the hub version its ETag comes from. */
export interface VisibleResource {
  readonly resource: ScimResource;
  readonly version: number;
}

export interface PatchOutcome extends VisibleResource {
  /** False when the operations left the resource as it was: nothing was written. */
  readonly changed: boolean;
}

export interface HubResourceServiceOptions {
  readonly hub: HubStore;
  readonly registry: SchemaRegistry;
  readonly unknownAttributes: 'ignore' | 'reject';
}

type Json = Record<string, unknown>;

const notFound = (type: ObjectType, id: string) =>
  ScimError.notFound(`${type} "${id}" not found; it may have been deleted, or the id is wrong.`);

/**
 * SCIM operations on the hub for one client: validation against the schemas, confinement to
 * the client's populations, group member checks, ETag preconditions — and each write in one
 * hub transaction, so it either commits together with its change-feed entries or not at all.
 *
 * Passwords are not kept: the hub is a directory that feeds other stores, not a credential
 * store, and `password` is never returned anyway (RFC 7643 `returned: never`).
 */
export class HubResourceService {
  private defaultPopulation: Promise<string> | undefined;

  constructor(private readonly options: HubResourceServiceOptions) {}

  private get hub(): HubStore {
    return this.options.hub;
  }

  async read(actor: ClientActor, type: ObjectType, id: string): Promise<VisibleResource> {
    const view = new ClientView(this.hub, actor);
    const object = await this.hub.get(type, id);
    if (!object || !view.canSee(object)) throw notFound(type, id);
    return { resource: (await view.confine(object)).resource, version: object.version };
  }

  /** A user by userName (for `/Me`), when this client may see it. */
  async findUser(actor: ClientActor, userName: string): Promise<HubObject | undefined> {
    const object = await this.hub.findByUserName(userName);
    return object && new ClientView(this.hub, actor).canSee(object) ? object : undefined;
  }

  async search(
    actor: ClientActor,
    type: ObjectType,
    options: Omit<HubSearchOptions, 'populationIds'>,
  ): Promise<{ totalResults: number; resources: ScimResource[] }> {
    const view = new ClientView(this.hub, actor);
    const result = await this.hub.search(type, {
      ...options,
      ...(view.populationIds ? { populationIds: view.populationIds } : {}),
    });
    const confined = await view.confineAll(result.objects);
    return { totalResults: result.totalResults, resources: confined.map((c) => c.resource) };
  }

  async create(actor: ClientActor, type: ObjectType, body: unknown): Promise<VisibleResource> {
    const resource = this.validate(type, body, 'create');
    const populationId = actor.populationIds?.[0] ?? (await this.defaultPopulationId());
    const object = await this.hub.transaction(async (hub) => {
      if (type === 'Group') {
        const members = resource.members as unknown[] | undefined;
        if (members) resource.members = await resolveGroupMembers(hub, members, [], actor.populationIds);
      }
      return hub.create(type, populationId, resource as ScimResource);
    });
    return this.visible(actor, object);
  }

  async replace(
    actor: ClientActor,
    type: ObjectType,
    id: string,
    body: unknown,
    ifMatch: string | undefined,
  ): Promise<VisibleResource> {
    const object = await this.hub.transaction(async (hub) => {
      const view = new ClientView(hub, actor);
      const current = await this.current(hub, view, type, id, ifMatch);
      const confined = await view.confine(current);
      const resource = this.validate(type, body, 'replace', confined.resource);
      if (type === 'Group') await this.checkMembers(hub, actor, resource, confined);
      return hub.replace(type, current.id, resource as ScimResource, { ifVersion: current.version });
    });
    return this.visible(actor, object);
  }

  /**
   * Applies PATCH operations atomically: read, apply (all or nothing, in memory), write with the
   * version read as precondition — all in one transaction. `operationsFor` receives what the
   * client sees of the resource (SCIM 1.1 PATCH bodies are translated against it).
   */
  async patch(
    actor: ClientActor,
    type: ObjectType,
    id: string,
    operationsFor: (current: ScimResource) => PatchOperation[],
    ifMatch: string | undefined,
  ): Promise<PatchOutcome> {
    const { scope, registry } = this.context(type);
    const outcome = await this.hub.transaction(async (hub) => {
      const view = new ClientView(hub, actor);
      const current = await this.current(hub, view, type, id, ifMatch);
      const confined = await view.confine(current);
      const operations = operationsFor(confined.resource);
      const { resource: patched, changed } = applyPatch(confined.resource, operations, { registry, scope });
      if (!changed) return { object: current, changed: false };
      const next: Json = { ...patched };
      delete next.password;
      if (type === 'Group') await this.checkMembers(hub, actor, next, confined);
      const object = await hub.replace(type, current.id, next as ScimResource, {
        ifVersion: current.version,
      });
      return { object, changed: true };
    });
    return { ...(await this.visible(actor, outcome.object)), changed: outcome.changed };
  }

  async remove(actor: ClientActor, type: ObjectType, id: string, ifMatch: string | undefined): Promise<void> {
    await this.hub.transaction(async (hub) => {
      const current = await this.current(hub, new ClientView(hub, actor), type, id, ifMatch);
      await hub.delete(type, current.id, { ifVersion: current.version });
    });
  }

  /**
   * Checks the members a group write adds (and types them), then puts back the members the
   * client cannot see. Only members the client already sees count as checked: an id it cannot
   * see is looked up like a new one and fails like one that does not exist.
   */
  private async checkMembers(hub: HubStore, actor: ClientActor, resource: Json, confined: ConfinedResource) {
    const members = (resource.members as unknown[] | undefined) ?? [];
    const seen = ((confined.resource as Json).members as unknown[] | undefined) ?? [];
    const all = [
      ...(await resolveGroupMembers(hub, members, seen, actor.populationIds)),
      ...confined.hiddenMembers,
    ];
    if (all.length > 0) resource.members = all;
    else delete resource.members;
  }

  private async current(
    hub: HubStore,
    view: ClientView,
    type: ObjectType,
    id: string,
    ifMatch: string | undefined,
  ): Promise<HubObject> {
    const object = await hub.get(type, id);
    if (!object || !view.canSee(object)) throw notFound(type, id);
    assertIfMatch(ifMatch, object.version);
    return object;
  }

  private async visible(actor: ClientActor, object: HubObject): Promise<VisibleResource> {
    const confined = await new ClientView(this.hub, actor).confine(object);
    return { resource: confined.resource, version: object.version };
  }

  private context(type: ObjectType) {
    return { registry: this.options.registry, scope: this.options.registry.scopeOf(type) };
  }

  private validate(
    type: ObjectType,
    body: unknown,
    mode: 'create' | 'replace',
    existing?: ScimResource,
  ): Json {
    const { registry, scope } = this.context(type);
    const resource = validateResource(body, {
      registry,
      scope,
      mode,
      unknownAttributes: this.options.unknownAttributes,
      ...(existing ? { existing } : {}),
    }) as Json;
    delete resource.password;
    return resource;
  }

  private defaultPopulationId(): Promise<string> {
    this.defaultPopulation ??= this.hub.defaultPopulation().then((population) => population.id);
    return this.defaultPopulation.catch((error: unknown) => {
      this.defaultPopulation = undefined;
      throw error;
    });
  }
}
