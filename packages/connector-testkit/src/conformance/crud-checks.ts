import type { ObjectType } from '@idsync/core';
import { filterBuilders, type ScimResource } from '@idsync/scim';
import { bound } from './bound-operation.js';
import type { CheckContext, CheckScope, ConformanceCheck } from './conformance-check.js';
import { ConformanceFailure, expectThat, show } from './conformance-failure.js';
import { expectConnectorError, expectNoError } from './expect-connector-error.js';
import { findMismatch } from './match-attributes.js';
import { expectRemoteObject, viewsOf } from './test-objects.js';

/** Creates one sample through the connector and checks what create returned. */
async function createSample(context: CheckContext, type: ObjectType, sample: ScimResource): Promise<string> {
  const create = bound(context.connector, 'create');
  const created = await expectNoError(() => create(type, sample), `create("${type}", sample)`);
  expectRemoteObject(created, type, `create("${type}")`);
  context.remember(type, created.remoteId);
  const mismatch = findMismatch(sample, created.resource);
  expectThat(
    mismatch === undefined,
    () =>
      `create("${type}") returned a resource that differs from what was sent (${mismatch}). Return the object as the store now holds it, mapped by to-canonical.`,
  );
  return created.remoteId;
}

/** Every way of looking at the object shows the sample's attributes. */
async function expectStored(
  context: CheckContext,
  type: ObjectType,
  remoteId: string,
  sample: ScimResource,
  after: string,
): Promise<void> {
  for (const view of await viewsOf(context, type, remoteId)) {
    expectThat(
      view.resource !== undefined,
      () =>
        `After ${after}, ${view.via} found nothing: the object was not stored, or get() looks it up by the wrong id.`,
    );
    const mismatch = findMismatch(sample, view.resource);
    expectThat(
      mismatch === undefined,
      () =>
        `After ${after}, ${view.via} differs from what was created (${mismatch}). to-canonical and from-canonical must round-trip every attribute the store keeps.`,
    );
  }
}

async function checkUserRoundTrip(context: CheckContext): Promise<void> {
  const sample = context.samples.user(context.tag());
  const remoteId = await createSample(context, 'User', sample);
  await expectStored(context, 'User', remoteId, sample, 'create("User")');
}

async function checkGroupRoundTrip(context: CheckContext): Promise<void> {
  const sample = context.samples.group?.(context.tag()) as ScimResource;
  const remoteId = await createSample(context, 'Group', sample);
  await expectStored(context, 'Group', remoteId, sample, 'create("Group")');
}

async function checkFindsCreated(context: CheckContext): Promise<void> {
  const sample = context.samples.user(context.tag());
  const remoteId = await createSample(context, 'User', sample);
  // A second user, so a find that ignores its filter cannot pass by luck.
  const other = await createSample(context, 'User', context.samples.user(context.tag()));
  const find = bound(context.connector, 'find');
  const userName = sample.userName;
  if (typeof userName !== 'string')
    throw new ConformanceFailure('samples.user() must set a string userName.');
  const filter = filterBuilders.eq('userName', userName);
  const what = `find("User", userName eq ${show(userName)})`;
  const found = await expectNoError(() => find('User', filter), what);
  expectThat(Array.isArray(found), () => `${what} returned ${show(found)}; it must return an array.`);
  expectThat(
    found.length === 1 && found[0]?.remoteId === remoteId,
    () =>
      `${what} returned ${show(found.map((o) => o.remoteId))} right after creating "${remoteId}" (and "${other}" with another userName); ` +
      'correlation relies on finding exactly that object: a miss makes the engine create it twice, an extra match links the wrong object.',
  );
  const mismatch = findMismatch(sample, found[0]?.resource ?? {});
  expectThat(
    mismatch === undefined,
    () => `${what} returned the object with different attributes (${mismatch}).`,
  );
}

async function checkDeleteRemoves(context: CheckContext): Promise<void> {
  const sample = context.samples.user(context.tag());
  const remoteId = await createSample(context, 'User', sample);
  const remove = bound(context.connector, 'delete');
  await expectNoError(() => remove('User', remoteId), `delete("User", "${remoteId}")`);
  context.forget(remoteId);
  const views =
    context.connector.get || context.fixture.inspect ? await viewsOf(context, 'User', remoteId) : [];
  for (const view of views) {
    expectThat(
      view.resource === undefined,
      () => `After delete("User", "${remoteId}"), ${view.via} still found it: ${show(view.resource)}.`,
    );
  }
  await expectConnectorError(
    () => remove('User', remoteId),
    'not-found',
    `A second delete("User", "${remoteId}")`,
  );
}

async function checkDisable(context: CheckContext): Promise<void> {
  const sample = { ...context.samples.user(context.tag()), active: true };
  const remoteId = await createSample(context, 'User', sample);
  const disable = bound(context.connector, 'disable');
  await expectNoError(() => disable('User', remoteId), `disable("User", "${remoteId}")`);
  for (const view of await viewsOf(context, 'User', remoteId)) {
    expectThat(
      view.resource !== undefined,
      () =>
        `After disable("User"), ${view.via} found nothing: disable must keep the object (a soft delete), not remove it.`,
    );
    expectThat(
      view.resource.active === false,
      () =>
        `After disable("User"), ${view.via} shows active ${show(view.resource?.active)}; to-canonical must report a disabled account as active: false.`,
    );
  }
}

const can = (scope: CheckScope, ...methods: string[]): boolean =>
  methods.every((method) => scope.methods.has(method));
const sees = (scope: CheckScope): boolean => scope.methods.has('get');
const hasGroups = (scope: CheckScope): boolean =>
  scope.manifest.capabilities.objectTypes.includes('Group') && scope.options.samples.group !== undefined;

export const CRUD_CHECKS: readonly ConformanceCheck[] = [
  {
    id: 'crud.user-round-trip',
    area: 'create, read, delete',
    title: 'create("User") returns the object, and get() returns it with the same canonical attributes',
    applies: (scope) => can(scope, 'create') && sees(scope),
    run: checkUserRoundTrip,
  },
  {
    id: 'crud.group-round-trip',
    area: 'create, read, delete',
    title: 'create("Group") returns the group, and get() returns it with the same canonical attributes',
    applies: (scope) => can(scope, 'create') && sees(scope) && hasGroups(scope),
    run: checkGroupRoundTrip,
  },
  {
    id: 'crud.find-created',
    area: 'create, read, delete',
    title: 'find() with userName eq returns exactly the object just created',
    applies: (scope) => can(scope, 'create', 'find'),
    run: checkFindsCreated,
  },
  {
    id: 'crud.delete',
    area: 'create, read, delete',
    title: "delete() removes the object, and deleting it again throws ConnectorError 'not-found'",
    applies: (scope) => can(scope, 'create', 'delete'),
    run: checkDeleteRemoves,
  },
  {
    id: 'crud.disable',
    area: 'create, read, delete',
    title: 'disable() keeps the user and makes it active: false',
    applies: (scope) => can(scope, 'create', 'disable') && sees(scope),
    run: checkDisable,
  },
];
