import { filterBuilders } from '@idsync/scim';
import { bound } from './bound-operation.js';
import type { CheckContext, ConformanceCheck } from './conformance-check.js';
import { expectThat, show } from './conformance-failure.js';
import { expectConnectorError, expectNoError } from './expect-connector-error.js';

async function checkGetUnknown(context: CheckContext): Promise<void> {
  const get = bound(context.connector, 'get');
  const id = context.samples.unknownRemoteId;
  const found = await expectNoError(
    () => get('User', id),
    `get("User", "${id}") of an unknown id (absence is an answer, not an error: return undefined)`,
  );
  expectThat(
    found === undefined,
    () => `get("User", "${id}") of an unknown id returned ${show(found)}; it must return undefined.`,
  );
}

async function checkFindNothing(context: CheckContext): Promise<void> {
  const find = bound(context.connector, 'find');
  const userName = `absent${context.tag()}`;
  const what = `find("User", userName eq "${userName}") matching nothing`;
  const found = await expectNoError(() => find('User', filterBuilders.eq('userName', userName)), what);
  expectThat(
    Array.isArray(found) && found.length === 0,
    () => `${what} returned ${show(found)}; it must return [].`,
  );
}

async function checkDuplicateConflict(context: CheckContext): Promise<void> {
  const create = bound(context.connector, 'create');
  const sample = context.samples.user(context.tag());
  const created = await expectNoError(() => create('User', sample), 'create("User", sample)');
  context.remember('User', created.remoteId);
  let second: string | undefined;
  await expectConnectorError(
    async () => {
      const again = await create('User', sample);
      second = again.remoteId;
      context.remember('User', again.remoteId);
    },
    'conflict',
    `create("User") of a second user with userName ${show(sample.userName)}`,
  ).catch((failure: unknown) => {
    if (second !== undefined && failure instanceof Error)
      failure.message += ` The store now holds a duplicate ("${second}").`;
    throw failure;
  });
  if (context.connector.find) {
    const find = bound(context.connector, 'find');
    const userName = String(sample.userName);
    const matches = await expectNoError(
      () => find('User', filterBuilders.eq('userName', userName)),
      'find("User", userName eq …)',
    );
    expectThat(
      matches.length === 1,
      () =>
        `After the refused duplicate, find(userName eq ${show(userName)}) returned ${matches.length} objects; the refused create must leave nothing behind.`,
    );
  }
}

async function checkInvalidData(context: CheckContext): Promise<void> {
  const create = bound(context.connector, 'create');
  const invalid = context.samples.invalidUser(context.tag());
  await expectConnectorError(
    async () => {
      const created = await create('User', invalid);
      context.remember('User', created.remoteId);
    },
    'invalid',
    `create("User", ${show(invalid)})`,
  );
}

export const ERROR_CHECKS: readonly ConformanceCheck[] = [
  {
    id: 'errors.get-unknown',
    area: 'errors',
    title: 'get() of an unknown id returns undefined',
    applies: (scope) => scope.methods.has('get'),
    run: checkGetUnknown,
  },
  {
    id: 'errors.find-nothing',
    area: 'errors',
    title: 'find() that matches nothing returns an empty array',
    applies: (scope) => scope.methods.has('find'),
    run: checkFindNothing,
  },
  {
    id: 'errors.duplicate-conflict',
    area: 'errors',
    title: "create() of a duplicate userName throws ConnectorError 'conflict' and creates nothing",
    applies: (scope) => scope.methods.has('create'),
    run: checkDuplicateConflict,
  },
  {
    id: 'errors.invalid-data',
    area: 'errors',
    title: "create() of data the store refuses throws ConnectorError 'invalid'",
    applies: (scope) => scope.methods.has('create'),
    run: checkInvalidData,
  },
];
