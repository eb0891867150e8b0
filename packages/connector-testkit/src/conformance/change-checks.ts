import type { PatchOperation } from '@idsync/scim';
import { readPath, withPath } from './attribute-paths.js';
import { bound } from './bound-operation.js';
import { collectChanges, touched } from './collect-changes.js';
import { collectStream } from './collect-stream.js';
import type { CheckContext, CheckScope, ConformanceCheck } from './conformance-check.js';
import { expectThat, show } from './conformance-failure.js';
import { expectConnectorError, expectNoError } from './expect-connector-error.js';
import { findMismatch } from './match-attributes.js';
import { makeObjects, makeUsers, removeObject } from './test-objects.js';

async function latestToken(context: CheckContext): Promise<string> {
  const latest = bound(context.connector, 'latestToken');
  const token = await expectNoError(() => latest('User'), 'latestToken("User")');
  expectThat(
    typeof token === 'string' && token !== '',
    () => `latestToken("User") returned ${show(token)}; it must return a non-empty string.`,
  );
  return token;
}

async function checkLatestTokenIsNow(context: CheckContext): Promise<void> {
  const [before] = await makeUsers(context, 1);
  const token = await latestToken(context);
  const changes = await collectChanges(context, 'User', token);
  expectThat(
    !touched(changes).has(before as string),
    () =>
      `changesSince(latestToken()) returned "${before}", which was created before the token was taken. ` +
      'latestToken() must mean "now", so incremental sync can start without replaying history.',
  );
}

async function checkNewObjectAppears(context: CheckContext): Promise<void> {
  const token = await latestToken(context);
  const sample = context.samples.user(context.tag());
  const [created] = await makeObjects(context, 'User', [sample]);
  const changes = await collectChanges(context, 'User', token);
  const upsert = changes.upserts.get(created as string);
  expectThat(
    upsert !== undefined,
    () =>
      `changesSince(token) did not report the user "${created}" created after the token (it reported ${show([...touched(changes)])}).`,
  );
  const mismatch = findMismatch(sample, upsert.resource);
  expectThat(
    mismatch === undefined,
    () => `changesSince(token) reported the new user with different attributes (${mismatch}).`,
  );
  expectThat(
    changes.lastToken !== token,
    () =>
      'changesSince(token) reported a change but its last batch carries the same token it started from; the engine would read the change again forever.',
  );
}

async function checkResumeWithoutReplay(context: CheckContext): Promise<void> {
  const token = await latestToken(context);
  const made = new Set(await makeUsers(context, 3));
  const first = await collectChanges(context, 'User', token);
  const missing = [...made].filter((id) => !touched(first).has(id));
  expectThat(
    missing.length === 0,
    () => `changesSince(token) missed ${show(missing)} of the 3 users created after the token.`,
  );
  for (const [index, batch] of first.batches.entries()) {
    const later = new Set(first.batches.slice(index + 1).flatMap((b) => [...b.ids]));
    const resumed = await collectChanges(context, 'User', batch.token);
    // Every made id was delivered somewhere; those not delivered again later must not come back.
    const replayed = [...touched(resumed)].filter((id) => made.has(id) && !later.has(id));
    expectThat(
      replayed.length === 0,
      () =>
        `Resuming from the token of batch ${index} replayed ${show(replayed)}, already delivered in that batch or before. ` +
        'Each batch token must point after the changes of its batch; the engine stores it once the batch is applied.',
    );
  }
}

async function checkUpdateAppears(context: CheckContext): Promise<void> {
  const sample = context.samples.user(context.tag());
  const [remoteId] = (await makeObjects(context, 'User', [sample])) as [string];
  const token = await latestToken(context);
  const attribute = context.samples.editableAttribute;
  const value = `changed ${context.tag()}`;
  if (context.connector.patch) {
    const patch = bound(context.connector, 'patch');
    const operations: PatchOperation[] = [{ op: 'replace', path: attribute, value }];
    await expectNoError(() => patch('User', remoteId, operations), `patch("User", "${remoteId}")`);
  } else {
    const replace = bound(context.connector, 'replace');
    await expectNoError(
      () => replace('User', remoteId, withPath(sample, attribute, value)),
      `replace("User", "${remoteId}")`,
    );
  }
  const changes = await collectChanges(context, 'User', token);
  const upsert = changes.upserts.get(remoteId);
  expectThat(
    upsert !== undefined,
    () => `changesSince(token) did not report the user "${remoteId}" updated after the token.`,
  );
  expectThat(
    readPath(upsert.resource, attribute) === value,
    () =>
      `changesSince(token) reported "${remoteId}" with ${attribute} = ${show(readPath(upsert.resource, attribute))}, not the updated ${show(value)}. Report the object as it is now.`,
  );
}

async function checkDeleteAppears(context: CheckContext): Promise<void> {
  const [remoteId] = (await makeUsers(context, 1)) as [string];
  const token = await latestToken(context);
  await removeObject(context, 'User', remoteId);
  const changes = await collectChanges(context, 'User', token);
  expectThat(
    changes.deletes.has(remoteId),
    () =>
      `changesSince(token) did not report the deletion of "${remoteId}" (it reported ${show([...touched(changes)])}). ` +
      'Report deletes as { kind: "delete", type, remoteId }; if the store cannot, set changesReportDeletes: false and document it.',
  );
}

async function checkBadTokenInvalid(context: CheckContext): Promise<void> {
  const changesSince = bound(context.connector, 'changesSince');
  const token = 'not-a-token-issued-by-this-connector';
  await expectConnectorError(
    () => collectStream(changesSince('User', token), 'changesSince'),
    'invalid',
    `changesSince("User", ${show(token)})`,
  );
}

const incremental = (scope: CheckScope): boolean => scope.capabilities.incremental;

export const CHANGE_CHECKS: readonly ConformanceCheck[] = [
  {
    id: 'changes.latest-token-is-now',
    area: 'changes and checkpoints',
    title: 'changesSince(latestToken()) does not replay what happened before the token',
    applies: incremental,
    run: checkLatestTokenIsNow,
  },
  {
    id: 'changes.new-object-appears',
    area: 'changes and checkpoints',
    title: 'an object created after the token is reported as an upsert, with a new token',
    applies: incremental,
    run: checkNewObjectAppears,
  },
  {
    id: 'changes.resume-without-replay',
    area: 'changes and checkpoints',
    title: 'resuming from any batch token does not replay that batch',
    applies: incremental,
    run: checkResumeWithoutReplay,
  },
  {
    id: 'changes.update-appears',
    area: 'changes and checkpoints',
    title: 'an update after the token is reported with the new value',
    applies: (scope) => incremental(scope) && (scope.methods.has('patch') || scope.methods.has('replace')),
    run: checkUpdateAppears,
  },
  {
    id: 'changes.delete-appears',
    area: 'changes and checkpoints',
    title: 'a delete after the token is reported as a delete',
    applies: (scope) => incremental(scope) && scope.options.changesReportDeletes !== false,
    run: checkDeleteAppears,
  },
  {
    id: 'changes.bad-token-invalid',
    area: 'changes and checkpoints',
    title: "a token the connector never issued fails with ConnectorError 'invalid'",
    applies: incremental,
    run: checkBadTokenInvalid,
  },
];
