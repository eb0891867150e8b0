import { bound } from './bound-operation.js';
import { collectStream } from './collect-stream.js';
import type { CheckContext, CheckScope, ConformanceCheck } from './conformance-check.js';
import { expectThat, show } from './conformance-failure.js';
import { expectConnectorError, expectNoError } from './expect-connector-error.js';
import { makeGroup, makeUsers } from './test-objects.js';

/** The members as readMembers pages them, checked for shape and duplicates. */
async function membersOf(context: CheckContext, groupId: string): Promise<Set<string>> {
  const readMembers = bound(context.connector, 'readMembers');
  const what = `readMembers("${groupId}")`;
  const pages = await expectNoError(() => collectStream(readMembers(groupId), what), what);
  const members = new Set<string>();
  for (const page of pages) {
    expectThat(
      Array.isArray(page) && page.every((id) => typeof id === 'string'),
      () => `${what} emitted ${show(page)}; each page must be an array of member remote ids.`,
    );
    for (const id of page) {
      expectThat(!members.has(id), () => `${what} returned the member "${id}" twice.`);
      members.add(id);
    }
  }
  return members;
}

function expectMembers(actual: Set<string>, expected: readonly string[], after: string): void {
  const same = actual.size === expected.length && expected.every((id) => actual.has(id));
  expectThat(
    same,
    () => `After ${after}, readMembers returned ${show([...actual])}; expected exactly ${show(expected)}.`,
  );
}

async function checkAddReadRemove(context: CheckContext): Promise<void> {
  const [first, second] = (await makeUsers(context, 2)) as [string, string];
  const group = await makeGroup(context);
  const add = bound(context.connector, 'addMembers');
  const remove = bound(context.connector, 'removeMembers');
  expectMembers(await membersOf(context, group), [], 'creating the group');

  await expectNoError(() => add(group, [first, second]), 'addMembers(group, [first, second])');
  expectMembers(await membersOf(context, group), [first, second], 'addMembers(group, [first, second])');

  await expectNoError(
    () => add(group, [first]),
    'addMembers(group, [first]) for a member already there (must be idempotent: the engine retries after a crash)',
  );
  expectMembers(await membersOf(context, group), [first, second], 'adding an existing member again');

  await expectNoError(() => remove(group, [first]), 'removeMembers(group, [first])');
  expectMembers(await membersOf(context, group), [second], 'removeMembers(group, [first])');

  await expectNoError(
    () => remove(group, [first]),
    'removeMembers(group, [first]) for a member already gone (must be idempotent: the engine retries after a crash)',
  );
  expectMembers(await membersOf(context, group), [second], 'removing an absent member again');
}

async function checkUnknownGroup(context: CheckContext): Promise<void> {
  const [user] = (await makeUsers(context, 1)) as [string];
  const group = context.samples.unknownRemoteId;
  const add = bound(context.connector, 'addMembers');
  const readMembers = bound(context.connector, 'readMembers');
  await expectConnectorError(
    () => add(group, [user]),
    'not-found',
    `addMembers("${group}") of an unknown group`,
  );
  await expectConnectorError(
    () => collectStream(readMembers(group), 'readMembers'),
    'not-found',
    `readMembers("${group}") of an unknown group`,
  );
}

const applies = (scope: CheckScope): boolean =>
  scope.capabilities.membership && scope.options.samples.group !== undefined;

export const MEMBERSHIP_CHECKS: readonly ConformanceCheck[] = [
  {
    id: 'membership.add-read-remove',
    area: 'membership',
    title: 'addMembers/removeMembers change what readMembers returns, and repeating them is harmless',
    applies,
    run: checkAddReadRemove,
  },
  {
    id: 'membership.unknown-group',
    area: 'membership',
    title: "membership operations on an unknown group throw ConnectorError 'not-found'",
    applies,
    run: checkUnknownGroup,
  },
];
