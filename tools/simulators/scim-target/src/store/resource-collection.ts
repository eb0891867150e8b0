import { GROUP_SCHEMA, USER_SCHEMA, type ScimResource } from '@idsync/scim';
import type { Clock } from '../options/scim-target-options.js';

export type ResourceTypeName = 'User' | 'Group';

/** What a collection needs from its store: time, fresh ids, and a revision counter for versions. */
export interface CollectionServices {
  readonly clock: Clock;
  readonly newId: () => string;
  /** A number that grows with every change anywhere in the store; it makes `meta.version`. */
  readonly nextRevision: () => number;
}

/** A resource as a test hands it to `seed`: anything SCIM-shaped; `schemas`, `id` and `meta` are filled in. */
export type SeedResource = Readonly<Record<string, unknown>> & {
  readonly id?: string;
  readonly schemas?: string[];
};

const iso = (clock: Clock) => new Date(clock()).toISOString();

/**
 * The stored resources of one type, canonical SCIM 2.0 with `id` and `meta` (resourceType,
 * created, lastModified, version — `location` is added on the way out, as it depends on the URL
 * the target listens on). Everything handed out is a copy, so a test reading the store cannot
 * change it by accident; changes go through `seed`, `update` and `remove`, which stamp `meta`
 * the way a change made inside the vendor's own console would.
 */
export class ResourceCollection {
  private readonly live = new Map<string, ScimResource>();
  /** Resources the vendor keeps but no longer serves (Atlassian's deactivated users). */
  private readonly hidden = new Map<string, ScimResource>();

  constructor(
    readonly resourceType: ResourceTypeName,
    private readonly services: CollectionServices,
  ) {}

  /** Every live resource, in order of creation. */
  all(): ScimResource[] {
    return [...this.live.values()].map((resource) => structuredClone(resource));
  }

  get(id: string): ScimResource | undefined {
    const resource = this.live.get(id);
    return resource ? structuredClone(resource) : undefined;
  }

  has(id: string): boolean {
    return this.live.has(id);
  }

  find(predicate: (resource: Readonly<ScimResource>) => boolean): ScimResource[] {
    return [...this.live.values()].filter(predicate).map((resource) => structuredClone(resource));
  }

  get size(): number {
    return this.live.size;
  }

  /**
   * Adds a resource as it is, without the checks the API makes: a test uses this to set up the
   * target as someone else left it. `schemas` defaults to the core schema, `id` to a new one.
   */
  seed(resource: SeedResource): ScimResource {
    const id = typeof resource.id === 'string' && resource.id !== '' ? resource.id : this.services.newId();
    if (this.live.has(id)) throw new Error(`${this.resourceType} ${id} already exists in the store.`);
    const now = iso(this.services.clock);
    const stored = {
      ...structuredClone(resource),
      schemas: resource.schemas ?? [this.resourceType === 'Group' ? GROUP_SCHEMA : USER_SCHEMA],
      id,
      meta: {
        resourceType: this.resourceType,
        created: now,
        lastModified: now,
        version: this.version(),
      },
    } as ScimResource;
    this.live.set(id, stored);
    return structuredClone(stored);
  }

  /** Stores a new resource under a fresh id (the API's create). */
  insert(resource: ScimResource): ScimResource {
    const { id: _ignored, meta: _meta, ...rest } = resource;
    return this.seed(rest as SeedResource);
  }

  /**
   * Replaces a resource with `next` (its `id` and `meta.created` are kept), or with what
   * `change` returns for a copy of it. Bumps `lastModified` and the version.
   */
  update(id: string, next: ScimResource | ((current: ScimResource) => ScimResource)): ScimResource {
    const current = this.live.get(id);
    if (!current) throw new Error(`${this.resourceType} ${id} is not in the store.`);
    const replacement = typeof next === 'function' ? next(structuredClone(current)) : structuredClone(next);
    const stored = {
      ...replacement,
      id,
      meta: {
        resourceType: this.resourceType,
        created: current.meta?.created ?? iso(this.services.clock),
        lastModified: iso(this.services.clock),
        version: this.version(),
      },
    } as ScimResource;
    this.live.set(id, stored);
    return structuredClone(stored);
  }

  /** Deletes a resource for good; false when there was none. */
  remove(id: string): boolean {
    return this.live.delete(id);
  }

  /**
   * Takes a resource out of service but keeps it, marked `active: false`: afterwards the API
   * answers 404 for it, and `hiddenResources` shows it to tests.
   */
  hide(id: string): boolean {
    const current = this.live.get(id);
    if (!current) return false;
    this.live.delete(id);
    this.hidden.set(id, {
      ...current,
      active: false,
      meta: { ...current.meta, lastModified: iso(this.services.clock), version: this.version() },
    } as ScimResource);
    return true;
  }

  /** Resources taken out of service by `hide`. */
  hiddenResources(): ScimResource[] {
    return [...this.hidden.values()].map((resource) => structuredClone(resource));
  }

  clear(): void {
    this.live.clear();
    this.hidden.clear();
  }

  private version(): string {
    return `W/"${this.services.nextRevision()}"`;
  }
}
