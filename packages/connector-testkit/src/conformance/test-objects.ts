import type { ObjectType, RemoteObject } from '@idsync/core';
import type { ScimResource } from '@idsync/scim';
import type { CheckContext } from './conformance-check.js';
import { ConformanceFailure, expectThat, show } from './conformance-failure.js';
import { bound } from './bound-operation.js';
import { expectNoError } from './expect-connector-error.js';

/*
 * How checks make and observe objects: through the connector when it can, through the
 * fixture's store hooks otherwise, so that a read-only connector is still tested for reading.
 */

/** Makes the objects (create, else the fixture's seed) and remembers them for clean-up. */
export async function makeObjects(
  context: CheckContext,
  type: ObjectType,
  resources: readonly ScimResource[],
): Promise<string[]> {
  const { connector, fixture } = context;
  const ids: string[] = [];
  if (connector.create) {
    const create = bound(connector, 'create');
    for (const resource of resources) {
      const created = await expectNoError(() => create(type, resource), `create(${type}) of a sample`);
      expectRemoteObject(created, type, `create(${type})`);
      context.remember(type, created.remoteId);
      ids.push(created.remoteId);
    }
    return ids;
  }
  if (!fixture.seed) {
    throw new ConformanceFailure(
      `This check needs ${type} objects in the store, but the connector has no create() and the fixture no seed(). ` +
        'Give the fixture a seed() hook that writes straight into the store.',
    );
  }
  const seeded = await fixture.seed(type, resources);
  seeded.forEach((id) => context.remember(type, id));
  return [...seeded];
}

export async function makeUsers(context: CheckContext, count: number): Promise<string[]> {
  const users = Array.from({ length: count }, () => context.samples.user(context.tag()));
  return makeObjects(context, 'User', users);
}

export async function makeGroup(context: CheckContext): Promise<string> {
  const group = context.samples.group?.(context.tag());
  if (!group) throw new ConformanceFailure('This check needs samples.group().');
  const [id] = await makeObjects(context, 'Group', [group]);
  return id as string;
}

/** Deletes an object (delete, else the fixture's remove). */
export async function removeObject(context: CheckContext, type: ObjectType, remoteId: string): Promise<void> {
  const { connector, fixture } = context;
  if (connector.delete) {
    const remove = bound(connector, 'delete');
    await expectNoError(() => remove(type, remoteId), `delete(${type}, "${remoteId}")`);
  } else if (fixture.remove) await fixture.remove(type, remoteId);
  else throw new ConformanceFailure('This check needs delete() on the connector or remove() on the fixture.');
  context.forget(remoteId);
}

/** One way of looking at an object: the connector's `get`, or the fixture's `inspect`. */
export interface ObjectView {
  readonly via: string;
  readonly resource: ScimResource | undefined;
}

/** The object as `get` reports it and as the store holds it (each when available). */
export async function viewsOf(
  context: CheckContext,
  type: ObjectType,
  remoteId: string,
): Promise<ObjectView[]> {
  const { connector, fixture } = context;
  const views: ObjectView[] = [];
  if (connector.get) {
    const get = bound(connector, 'get');
    const found = await expectNoError(() => get(type, remoteId), `get("${type}", "${remoteId}")`);
    if (found) expectRemoteObject(found, type, `get("${type}", "${remoteId}")`);
    views.push({ via: `get("${type}", "${remoteId}")`, resource: found?.resource });
  }
  if (fixture.inspect)
    views.push({ via: `the store (fixture.inspect)`, resource: await fixture.inspect(type, remoteId) });
  if (views.length === 0) {
    throw new ConformanceFailure(
      'This check needs get() on the connector or inspect() on the fixture to see the result.',
    );
  }
  return views;
}

/** The shape every RemoteObject must have; the engine links by `remoteId` and routes by `type`. */
export function expectRemoteObject(
  value: unknown,
  type: ObjectType,
  what: string,
): asserts value is RemoteObject {
  const object = value as Partial<RemoteObject> | undefined;
  expectThat(
    typeof object?.remoteId === 'string' && object.remoteId.length > 0,
    () =>
      `${what} returned ${show(value)}: a RemoteObject needs a non-empty string remoteId (the store's stable id).`,
  );
  expectThat(
    object.type === type,
    () => `${what} returned an object of type ${show(object.type)}; expected "${type}".`,
  );
  const schemas = (object.resource as { schemas?: unknown } | undefined)?.schemas;
  expectThat(
    Array.isArray(schemas) && schemas.length > 0,
    () =>
      `${what} returned a resource without "schemas": map the store's object to a canonical SCIM resource in to-canonical.`,
  );
}
