import type { ObjectType, RemoteObject } from '@idsync/core';
import { compileFilter, type FilterNode, type FilterPredicate } from '@idsync/scim';
import { guidTextToBytes, isGuidText } from '../active-directory/object-guid.js';
import type { LdapConfig } from '../config.js';
import type { EntryLocator } from '../directory/entry-locator.js';
import { allOf, anyOf, binaryEqualTo, equalTo } from '../escape/ldap-filter.js';
import type { ObjectLayout } from '../layout/object-layout.js';
import { translateFilter } from '../mapping/translate-filter.js';

/** Ids per `(|(entryUUID=…)…)` search: well below slapd's default size limit of 500. */
export const IDS_PER_SEARCH = 100;
/** Translated filters per `(|…)` search: keeps the request small and the answer bounded. */
export const FILTERS_PER_SEARCH = 50;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/**
 * The engine's planning look-ups in few searches (the SPI's BatchLookupOp):
 * - `getMany`: `(|(entryUUID=…)…)`, or `(|(objectGUID=\hh…)…)` with every GUID byte escaped
 *   on Active Directory, 100 ids per search;
 * - `findEach`: the filters translated as `find` translates them, 50 per `(|…)` search. Which
 *   filter an entry answers is decided by evaluating each SCIM filter against the entry's
 *   canonical form (the same mapping `find` returns), with the schema-aware evaluator.
 *
 * LDAP matching rules and SCIM's can disagree at the edges (a case-exact SCIM attribute mapped
 * to a case-ignoring LDAP one). An entry the directory returned but no filter claims shows such
 * a disagreement; that group of filters is then answered one `find` at a time, so the result
 * is never less than what `find` would have returned.
 */
export class BatchLookup {
  constructor(
    private readonly config: LdapConfig,
    private readonly locator: EntryLocator,
    private readonly find: (type: ObjectType, filter: FilterNode) => Promise<readonly RemoteObject[]>,
  ) {}

  private get activeDirectory(): boolean {
    return this.config.preset.idAttribute === 'objectGUID';
  }

  private idFilter(id: string): string {
    return this.activeDirectory ? binaryEqualTo('objectGUID', guidTextToBytes(id)) : equalTo('entryUUID', id);
  }

  async getMany(type: ObjectType, remoteIds: readonly string[]): Promise<ReadonlyMap<string, RemoteObject>> {
    const layout = this.locator.layoutOf(type);
    const wanted = new Map<string, string[]>(); // lower-case id → the spellings asked for
    for (const id of remoteIds) {
      if (!isGuidText(id)) continue; // no entry can have it
      const key = id.toLowerCase();
      wanted.set(key, [...(wanted.get(key) ?? []), id]);
    }
    const found = new Map<string, RemoteObject>();
    for (const chunk of chunks([...wanted.keys()], IDS_PER_SEARCH)) {
      const filter = allOf(layout.filter, anyOf(...chunk.map((id) => this.idFilter(id))));
      const entries = await this.locator.searchBases(`look up ${chunk.length} ${type} ids`, layout, filter, {
        pageSize: this.config.pageSize,
      });
      for (const entry of entries) {
        const object = this.locator.canonical(entry, layout);
        for (const spelling of (object && wanted.get(object.remoteId)) ?? []) found.set(spelling, object!);
      }
    }
    return found;
  }

  async findEach(
    type: ObjectType,
    filters: readonly FilterNode[],
  ): Promise<readonly (readonly RemoteObject[])[]> {
    const layout = this.locator.layoutOf(type);
    const translation = {
      mappings: layout.attributes,
      ...(this.config.preset.idAttribute === 'entryUUID' ? { idAttribute: 'entryUUID' } : {}),
    };
    // Translating first makes an untranslatable filter fail the call as `find` would fail it.
    const ldapFilters = filters.map((filter) => translateFilter(filter, translation));
    const results: RemoteObject[][] = filters.map(() => []);
    const indices = filters.map((_, index) => index);
    for (const chunk of chunks(indices, FILTERS_PER_SEARCH)) {
      const predicates = chunk.map((index) => this.predicate(filters[index]!, layout));
      if (predicates.some((predicate) => predicate === undefined)) {
        await this.oneByOne(type, filters, chunk, results);
        continue;
      }
      const filter = allOf(layout.filter, anyOf(...[...new Set(chunk.map((index) => ldapFilters[index]!))]));
      const entries = await this.locator.searchBases(
        `find ${type}s for ${chunk.length} filters`,
        layout,
        filter,
        {
          pageSize: this.config.pageSize,
        },
      );
      let unclaimed = false;
      for (const entry of entries) {
        const object = this.locator.canonical(entry, layout);
        if (!object) continue;
        let claimed = false;
        chunk.forEach((index, position) => {
          if (!predicates[position]!(object.resource)) return;
          results[index]!.push(object);
          claimed = true;
        });
        unclaimed ||= !claimed;
      }
      if (unclaimed) await this.oneByOne(type, filters, chunk, results);
    }
    return results;
  }

  private predicate(filter: FilterNode, layout: ObjectLayout): FilterPredicate | undefined {
    try {
      return compileFilter(filter, { registry: this.config.registry, scope: layout.scope });
    } catch {
      return undefined; // not evaluable locally: `find` answers it
    }
  }

  private async oneByOne(
    type: ObjectType,
    filters: readonly FilterNode[],
    chunk: readonly number[],
    results: RemoteObject[][],
  ): Promise<void> {
    for (const index of chunk) results[index] = [...(await this.find(type, filters[index]!))];
  }
}
