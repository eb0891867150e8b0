import type { RemoteObject } from '@idsync/core';
import { filterBuilders, type FilterNode } from '@idsync/scim';
import { bound } from './bound-operation.js';
import type { CheckContext, ConformanceCheck } from './conformance-check.js';
import { ConformanceFailure, expectThat, show } from './conformance-failure.js';
import { expectNoError } from './expect-connector-error.js';
import { findMismatch } from './match-attributes.js';
import { expectRemoteObject, makeObjects } from './test-objects.js';

/*
 * The optional batch look-ups (BatchLookupOp). The engine plans a whole page from their
 * answers: an object missing from getMany is treated as deleted outside idsync, and
 * findEach's i-th answer decides whether the i-th object is linked, created or ambiguous.
 * A batch answer that is off by one, or mixes up objects, does damage at page scale.
 */

async function checkGetMany(context: CheckContext): Promise<void> {
  const samples = [0, 1, 2].map(() => context.samples.user(context.tag()));
  const [first, second, third] = await makeObjects(context, 'User', samples);
  const unknown = context.samples.unknownRemoteId;
  // The third object exists but is not asked for: a getMany returning more than it was asked is caught.
  const asked = [second!, unknown, first!];
  const getMany = bound(context.connector, 'getMany');
  const what = `getMany("User", ${show(asked)})`;
  const found = await expectNoError(() => getMany('User', asked), what);
  expectThat(
    found instanceof Map,
    () => `${what} returned ${show(found)}; it must return a Map from remote id to RemoteObject.`,
  );
  const keys = [...found.keys()].sort();
  const expected = [first!, second!].sort();
  expectThat(
    show(keys) === show(expected),
    () =>
      `${what} answered for ${show(keys)}; expected exactly ${show(expected)} (the ids that exist, not "${third}" which was not asked, ` +
      `nor the unknown "${unknown}"). An id missing from the answer tells the engine the object was deleted outside idsync; an extra one is ignored at best.`,
  );
  for (const [index, remoteId] of [first!, second!].entries()) {
    const object: unknown = found.get(remoteId);
    expectRemoteObject(object, 'User', `${what} for "${remoteId}"`);
    expectThat(
      object.remoteId === remoteId,
      () =>
        `${what} put the object "${object.remoteId}" under the key "${remoteId}"; each key must be its object's remote id.`,
    );
    const mismatch = findMismatch(samples[index]!, object.resource);
    expectThat(
      mismatch === undefined,
      () =>
        `${what} returned "${remoteId}" with other attributes than were created (${mismatch}); it must map objects as get() does.`,
    );
  }
  const none = await expectNoError(() => getMany('User', [unknown]), `getMany("User", ["${unknown}"])`);
  expectThat(
    none instanceof Map && none.size === 0,
    () =>
      `getMany("User", ["${unknown}"]) of an unknown id returned ${show(none)}; it must return an empty Map (absence is an answer, not an error).`,
  );
}

const userNameOf = (context: CheckContext, tag: string) => {
  const sample = context.samples.user(tag);
  if (typeof sample.userName !== 'string')
    throw new ConformanceFailure('samples.user() must set a string userName.');
  return sample;
};

async function checkFindEach(context: CheckContext): Promise<void> {
  const samples = [0, 1, 2].map(() => userNameOf(context, context.tag()));
  const [a, b, c] = await makeObjects(context, 'User', samples);
  const name = (index: number) => String(samples[index]!.userName);
  const absent = `absent${context.tag()}`;
  const filters: FilterNode[] = [
    filterBuilders.eq('userName', name(1)),
    filterBuilders.eq('userName', absent),
    filterBuilders.or(filterBuilders.eq('userName', name(0)), filterBuilders.eq('userName', name(2))),
    filterBuilders.eq('userName', name(0)),
  ];
  const expected = [[b!], [], [a!, c!].sort(), [a!]];
  const described = [
    `userName eq ${show(name(1))}`,
    `userName eq ${show(absent)} (matches nothing)`,
    `userName eq ${show(name(0))} or userName eq ${show(name(2))} (matches two)`,
    `userName eq ${show(name(0))} (matches one the previous filter matched too)`,
  ];
  const findEach = bound(context.connector, 'findEach');
  const what = `findEach("User", [${described.join(', ')}])`;
  const answers = await expectNoError(() => findEach('User', filters), what);
  expectThat(
    Array.isArray(answers) && answers.length === filters.length,
    () =>
      `${what} returned ${Array.isArray(answers) ? `${answers.length} answers` : show(answers)}; it must return an array with one answer per filter ` +
      '(an empty array for a filter that matches nothing), in the order of the filters.',
  );
  for (const [index, answer] of answers.entries()) {
    expectThat(
      Array.isArray(answer),
      () => `${what}: answer ${index} is ${show(answer)}; each answer must be an array of RemoteObjects.`,
    );
    answer.forEach((object: RemoteObject) => expectRemoteObject(object, 'User', `${what}, answer ${index}`));
    const ids = answer.map((object) => object.remoteId).sort();
    expectThat(
      show(ids) === show(expected[index]),
      () =>
        `${what}: answer ${index} (for ${described[index]}) holds ${show(ids)}; expected ${show(expected[index])}. ` +
        'Answer i must hold exactly the matches of filter i: the engine links, creates or reports ambiguity from it.',
    );
  }
}

export const BATCH_LOOKUP_CHECKS: readonly ConformanceCheck[] = [
  {
    id: 'batch.get-many',
    area: 'batch look-ups',
    title:
      'getMany() returns exactly the objects asked for that exist, keyed by remote id, and leaves out unknown ids',
    applies: (scope) => scope.methods.has('getMany'),
    run: checkGetMany,
  },
  {
    id: 'batch.find-each',
    area: 'batch look-ups',
    title:
      'findEach() answers each filter in order: none, one or several matches, the same object under two filters',
    applies: (scope) => scope.methods.has('findEach'),
    run: checkFindEach,
  },
];
