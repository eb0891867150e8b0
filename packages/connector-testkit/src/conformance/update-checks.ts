import type { PatchOperation, ScimResource } from '@idsync/scim';
import { readPath, isCleared, withoutPath, withPath } from './attribute-paths.js';
import { bound } from './bound-operation.js';
import type { CheckContext, CheckScope, ConformanceCheck } from './conformance-check.js';
import { ConformanceFailure, expectThat, show } from './conformance-failure.js';
import { expectConnectorError, expectNoError } from './expect-connector-error.js';
import { findMismatch } from './match-attributes.js';
import { makeObjects, viewsOf } from './test-objects.js';

/** A user made for an update check, and the value its editable attribute is changed to. */
interface Subject {
  readonly remoteId: string;
  readonly sample: ScimResource;
  readonly attribute: string;
  readonly newValue: string;
}

async function makeSubject(context: CheckContext): Promise<Subject> {
  const tag = context.tag();
  const sample = context.samples.user(tag);
  const attribute = context.samples.editableAttribute;
  const current = readPath(sample, attribute);
  if (typeof current !== 'string' || current === '') {
    throw new ConformanceFailure(
      `samples.user() must set the editable attribute "${attribute}" to a non-empty string (it set ${show(current)}).`,
    );
  }
  const [remoteId] = await makeObjects(context, 'User', [sample]);
  return { remoteId: remoteId as string, sample, attribute, newValue: `changed ${tag}` };
}

/** The object now carries `expected` (the sample with the update applied) and nothing of the old value. */
async function expectUpdated(
  context: CheckContext,
  subject: Subject,
  expected: ScimResource,
  after: string,
): Promise<void> {
  for (const view of await viewsOf(context, 'User', subject.remoteId)) {
    expectThat(
      view.resource !== undefined,
      () => `After ${after}, ${view.via} found nothing: an update must not delete the object.`,
    );
    const mismatch = findMismatch(expected, view.resource);
    expectThat(
      mismatch === undefined,
      () => `After ${after}, ${view.via} does not show the update (${mismatch}).`,
    );
  }
}

async function expectCleared(
  context: CheckContext,
  subject: Subject,
  after: string,
  hint: string,
): Promise<void> {
  for (const view of await viewsOf(context, 'User', subject.remoteId)) {
    expectThat(
      view.resource !== undefined,
      () => `After ${after}, ${view.via} found nothing: clearing an attribute must not delete the object.`,
    );
    const left = readPath(view.resource, subject.attribute);
    expectThat(
      isCleared(left),
      () => `After ${after}, ${view.via} still shows ${subject.attribute} = ${show(left)}. ${hint}`,
    );
    const mismatch = findMismatch(withoutPath(subject.sample, subject.attribute), view.resource);
    expectThat(
      mismatch === undefined,
      () => `After ${after}, ${view.via} lost other attributes too (${mismatch}).`,
    );
  }
}

async function checkPatchSets(context: CheckContext): Promise<void> {
  const subject = await makeSubject(context);
  const patch = bound(context.connector, 'patch');
  const operations: PatchOperation[] = [{ op: 'replace', path: subject.attribute, value: subject.newValue }];
  const what = `patch("User", id, ${show(operations)})`;
  await expectNoError(() => patch('User', subject.remoteId, operations), what);
  await expectUpdated(context, subject, withPath(subject.sample, subject.attribute, subject.newValue), what);
}

async function checkPatchClears(context: CheckContext): Promise<void> {
  const subject = await makeSubject(context);
  const patch = bound(context.connector, 'patch');
  const operations: PatchOperation[] = [{ op: 'remove', path: subject.attribute }];
  const what = `patch("User", id, ${show(operations)})`;
  await expectNoError(() => patch('User', subject.remoteId, operations), what);
  await expectCleared(
    context,
    subject,
    what,
    'A remove operation must clear the attribute in the store (LDAP: delete the attribute; SQL: set NULL).',
  );
}

async function checkReplaceSets(context: CheckContext): Promise<void> {
  const subject = await makeSubject(context);
  const replace = bound(context.connector, 'replace');
  const updated = withPath(subject.sample, subject.attribute, subject.newValue);
  const what = `replace("User", id, sample with ${subject.attribute} changed)`;
  await expectNoError(() => replace('User', subject.remoteId, updated), what);
  await expectUpdated(context, subject, updated, what);
}

async function checkReplaceClears(context: CheckContext): Promise<void> {
  const subject = await makeSubject(context);
  const replace = bound(context.connector, 'replace');
  const what = `replace("User", id, sample without ${subject.attribute})`;
  await expectNoError(
    () => replace('User', subject.remoteId, withoutPath(subject.sample, subject.attribute)),
    what,
  );
  await expectCleared(
    context,
    subject,
    what,
    'replace() sets the whole object: an attribute left out of the resource must be cleared, not kept (that would be a merge).',
  );
}

async function checkUnknownIdNotFound(context: CheckContext): Promise<void> {
  const { connector, samples } = context;
  const id = samples.unknownRemoteId;
  if (connector.patch) {
    const patch = bound(connector, 'patch');
    const operations: PatchOperation[] = [{ op: 'replace', path: samples.editableAttribute, value: 'x' }];
    await expectConnectorError(
      () => patch('User', id, operations),
      'not-found',
      `patch("User", "${id}") of an unknown id`,
    );
  }
  if (connector.replace) {
    const replace = bound(connector, 'replace');
    await expectConnectorError(
      () => replace('User', id, samples.user(context.tag())),
      'not-found',
      `replace("User", "${id}") of an unknown id`,
    );
  }
  if (connector.disable) {
    const disable = bound(connector, 'disable');
    await expectConnectorError(
      () => disable('User', id),
      'not-found',
      `disable("User", "${id}") of an unknown id`,
    );
  }
  if (connector.delete) {
    const remove = bound(connector, 'delete');
    await expectConnectorError(
      () => remove('User', id),
      'not-found',
      `delete("User", "${id}") of an unknown id`,
    );
  }
}

/** Objects come from create() or the fixture's seed(); the result is seen through get(). */
const can = (scope: CheckScope, method: string): boolean =>
  scope.methods.has(method) && scope.methods.has('get');

export const UPDATE_CHECKS: readonly ConformanceCheck[] = [
  {
    id: 'update.patch-sets',
    area: 'update',
    title: 'patch() with a replace operation changes the attribute and keeps the others',
    applies: (scope) => can(scope, 'patch'),
    run: checkPatchSets,
  },
  {
    id: 'update.patch-clears',
    area: 'update',
    title: 'patch() with a remove operation clears the attribute',
    applies: (scope) => can(scope, 'patch'),
    run: checkPatchClears,
  },
  {
    id: 'update.replace-sets',
    area: 'update',
    title: 'replace() changes the attribute and keeps the others',
    applies: (scope) => can(scope, 'replace'),
    run: checkReplaceSets,
  },
  {
    id: 'update.replace-clears',
    area: 'update',
    title: 'replace() without an attribute clears it (a replace, not a merge)',
    applies: (scope) => can(scope, 'replace'),
    run: checkReplaceClears,
  },
  {
    id: 'update.unknown-id-not-found',
    area: 'update',
    title: "patch, replace, disable and delete of an unknown id throw ConnectorError 'not-found'",
    applies: (scope) => ['patch', 'replace', 'disable', 'delete'].some((method) => scope.methods.has(method)),
    run: checkUnknownIdNotFound,
  },
];
