import type { ObjectType, RemoteObject } from '@idsync/core';
import { bound } from './bound-operation.js';
import { collectStream } from './collect-stream.js';
import type { CheckContext, ConformanceCheck } from './conformance-check.js';
import { expectThat, show } from './conformance-failure.js';
import { expectNoError } from './expect-connector-error.js';
import { expectRemoteObject, makeUsers } from './test-objects.js';

const REQUESTED_PAGE_SIZE = 2;

/** Reads every page and checks page sizes, object shape and that no object comes twice. */
async function readAll(
  context: CheckContext,
  type: ObjectType,
  pageSize: number | undefined,
): Promise<{ ids: Map<string, number>; sizes: number[] }> {
  const read = bound(context.connector, 'read');
  const what = pageSize === undefined ? `read("${type}")` : `read("${type}", { pageSize: ${pageSize} })`;
  const limit = pageSize ?? context.manifest.capabilities.pageSize;
  const pages = await expectNoError(
    () => collectStream(read(type, pageSize === undefined ? undefined : { pageSize }), what),
    what,
  );
  const ids = new Map<string, number>();
  const sizes: number[] = [];
  pages.forEach((page: readonly RemoteObject[], index) => {
    expectThat(
      Array.isArray(page),
      () => `${what} emitted ${show(page)} as page ${index}; each emission must be an array (a page).`,
    );
    expectThat(
      page.length <= limit,
      () =>
        `${what} emitted page ${index} with ${page.length} objects, more than ${limit}` +
        (pageSize === undefined
          ? ' (the manifest’s capabilities.pageSize, the default).'
          : ' (the page size asked for). Pages bound the engine’s memory; honour the size or use a smaller one.'),
    );
    sizes.push(page.length);
    for (const object of page) {
      expectRemoteObject(object, type, what);
      const seen = ids.get(object.remoteId);
      expectThat(
        seen === undefined,
        () =>
          `${what} returned "${object.remoteId}" twice (pages ${seen} and ${index}). Page by a stable key or cursor, not by an offset that shifts.`,
      );
      ids.set(object.remoteId, index);
    }
  });
  return { ids, sizes };
}

function expectAllPresent(
  made: readonly string[],
  read: { ids: Map<string, number>; sizes: number[] },
  what: string,
): void {
  const missing = made.filter((id) => !read.ids.has(id));
  expectThat(
    missing.length === 0,
    () =>
      `${what} did not return ${missing.length} of the ${made.length} objects just made (${show(missing)}); pages had sizes ${show(read.sizes)}. ` +
      'A read must go on until the store says there is no more — not stop at a short page or drop the last one. ' +
      'An incomplete read makes the engine think objects vanished.',
  );
}

async function checkEveryObjectOnce(context: CheckContext): Promise<void> {
  const count = context.options.pagingObjects ?? 5;
  const made = await makeUsers(context, count);
  const what = `read("User", { pageSize: ${REQUESTED_PAGE_SIZE} })`;
  expectAllPresent(made, await readAll(context, 'User', REQUESTED_PAGE_SIZE), what);
}

async function checkDefaultPageSize(context: CheckContext): Promise<void> {
  const made = await makeUsers(context, 3);
  expectAllPresent(made, await readAll(context, 'User', undefined), 'read("User") without options');
}

export const PAGING_CHECKS: readonly ConformanceCheck[] = [
  {
    id: 'paging.every-object-once',
    area: 'paging',
    title: 'read() with a small page size returns every object exactly once, in pages no larger than asked',
    applies: (scope) => scope.capabilities.read,
    run: checkEveryObjectOnce,
  },
  {
    id: 'paging.default-page-size',
    area: 'paging',
    title: "read() without a page size uses pages no larger than the manifest's pageSize",
    applies: (scope) => scope.capabilities.read,
    run: checkDefaultPageSize,
  },
];
