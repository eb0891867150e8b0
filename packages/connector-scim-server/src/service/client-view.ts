import type { HubObject, HubStore } from '@idsync/core';
import type { ScimResource } from '@idsync/scim';
import type { ClientActor } from '../http/scim-call.js';
import { canonicalHubId, findHubObjects } from './find-hub-objects.js';

type Json = Record<string, unknown>;

/** What a client sees of a hub object, and the members it must not see but a write must keep. */
export interface ConfinedResource {
  readonly resource: ScimResource;
  /** Members of a group outside the client's populations: kept as they are on PUT and PATCH. */
  readonly hiddenMembers: readonly unknown[];
}

const referenceId = (entry: unknown): string | undefined =>
  entry !== null && typeof entry === 'object' ? canonicalHubId((entry as Json).value) : undefined;

/**
 * Confinement of a client to its populations. A confined client must not learn that anything
 * outside them exists: objects outside are 404, and references to them inside visible objects
 * (a group's members, a user's groups) are left out of what it reads. Writes of a group keep
 * the hidden members, so a confined client can neither see nor drop them.
 */
export class ClientView {
  constructor(
    private readonly hub: HubStore,
    private readonly actor: ClientActor,
  ) {}

  get populationIds(): readonly string[] | undefined {
    return this.actor.populationIds;
  }

  canSee(object: HubObject): boolean {
    const populations = this.actor.populationIds;
    return populations === undefined || populations.includes(object.populationId);
  }

  /** The resource as this client sees it. */
  async confine(object: HubObject): Promise<ConfinedResource> {
    return (await this.confineAll([object]))[0]!;
  }

  /** `confine` for a page of objects, with one visibility lookup for all their references. */
  async confineAll(objects: readonly HubObject[]): Promise<ConfinedResource[]> {
    if (this.actor.populationIds === undefined) {
      return objects.map((object) => ({ resource: object.resource, hiddenMembers: [] }));
    }
    const referenced = new Set<string>();
    for (const object of objects) {
      for (const entry of this.references(object)) {
        const id = referenceId(entry);
        if (id) referenced.add(id);
      }
    }
    const visible = await findHubObjects(this.hub, referenced, this.actor.populationIds);
    return objects.map((object) => {
      const key = object.type === 'Group' ? 'members' : 'groups';
      const entries = this.references(object);
      if (entries.length === 0) return { resource: object.resource, hiddenMembers: [] };
      const seen = entries.filter((entry) => visible.has(referenceId(entry) ?? ''));
      const hidden = entries.filter((entry) => !visible.has(referenceId(entry) ?? ''));
      const resource: Json = { ...object.resource };
      if (seen.length > 0) resource[key] = seen;
      else delete resource[key];
      return { resource: resource as ScimResource, hiddenMembers: object.type === 'Group' ? hidden : [] };
    });
  }

  private references(object: HubObject): unknown[] {
    const value = (object.resource as Json)[object.type === 'Group' ? 'members' : 'groups'];
    return Array.isArray(value) ? value : [];
  }
}
