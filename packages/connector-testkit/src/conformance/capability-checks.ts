import type { ObjectType } from '@idsync/core';
import { take } from 'rxjs';
import { bound } from './bound-operation.js';
import { collectStream } from './collect-stream.js';
import type { CheckContext, ConformanceCheck } from './conformance-check.js';
import { expectThat, show } from './conformance-failure.js';
import { expectNoError } from './expect-connector-error.js';
import { expectRemoteObject, makeObjects } from './test-objects.js';

/** Pages read per declared type: enough to see the shape without reading a large store. */
const PAGES_TO_SAMPLE = 3;

async function checkCanCorrelate({ capabilities }: CheckContext): Promise<void> {
  expectThat(
    capabilities.read || capabilities.find,
    () =>
      'The connector implements neither read() nor find()+get(). The engine then cannot see what the store holds, ' +
      'cannot correlate before creating, and would create duplicates after a crash.',
  );
}

async function checkDeclaredMatchesImplemented({ manifest, capabilities }: CheckContext): Promise<void> {
  const declared = manifest.capabilities;
  expectThat(
    !declared.softDelete || capabilities.disable,
    () =>
      'The manifest declares softDelete: true, but the connector has no disable(). Implement it or declare softDelete: false.',
  );
  expectThat(
    !capabilities.membership || declared.objectTypes.includes('Group'),
    () =>
      'The connector implements the membership operations, but capabilities.objectTypes does not list "Group".',
  );
  expectThat(
    !capabilities.find || declared.filterOperators.includes('eq'),
    () =>
      `The connector implements find(), but capabilities.filterOperators ${show(declared.filterOperators)} lacks "eq"; ` +
      'correlation filters (userName eq "%s") need it.',
  );
}

/** One object of the type, when the suite can make one: an empty store would prove nothing. */
async function makeOneOf(context: CheckContext, type: ObjectType): Promise<void> {
  if (!context.connector.create && !context.fixture.seed) return;
  const sample =
    type === 'User' ? context.samples.user(context.tag()) : context.samples.group?.(context.tag());
  if (sample) await makeObjects(context, type, [sample]);
}

async function checkObjectTypesReadable(context: CheckContext): Promise<void> {
  const read = bound(context.connector, 'read');
  const pageSize = context.manifest.capabilities.pageSize;
  for (const type of context.manifest.capabilities.objectTypes) await makeOneOf(context, type);
  for (const type of context.manifest.capabilities.objectTypes) {
    const what = `read("${type}", { pageSize: ${pageSize} })`;
    const pages = await expectNoError(
      () => collectStream(read(type, { pageSize }).pipe(take(PAGES_TO_SAMPLE)), what),
      what,
    );
    for (const page of pages) {
      expectThat(
        Array.isArray(page),
        () => `${what} emitted ${show(page)}; each emission must be an array of RemoteObjects (one page).`,
      );
      expectThat(
        page.length <= pageSize,
        () => `${what} emitted a page of ${page.length} objects, more than the ${pageSize} asked for.`,
      );
      for (const object of page) expectRemoteObject(object, type, what);
    }
  }
}

export const CAPABILITY_CHECKS: readonly ConformanceCheck[] = [
  {
    id: 'capabilities.can-correlate',
    area: 'capabilities',
    title: 'implements read() or find()+get(), so the engine can see the store',
    applies: () => true,
    run: checkCanCorrelate,
  },
  {
    id: 'capabilities.declared-matches-implemented',
    area: 'capabilities',
    title: 'the declared capabilities agree with the operations implemented',
    applies: () => true,
    run: checkDeclaredMatchesImplemented,
  },
  {
    id: 'capabilities.object-types-readable',
    area: 'capabilities',
    title: 'every declared object type can be read, as pages of well-formed RemoteObjects',
    applies: (scope) => scope.capabilities.read,
    run: checkObjectTypesReadable,
  },
];
