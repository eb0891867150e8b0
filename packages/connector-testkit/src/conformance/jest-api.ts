import type { afterAll as AfterAll, describe as Describe, it as It } from '@jest/globals';

/** The parts of Jest's API the suite declares its tests with. */
export interface JestApi {
  readonly describe: typeof Describe;
  readonly it: typeof It;
  readonly afterAll: typeof AfterAll;
}

/**
 * Jest's `describe`, `it` and `afterAll`, taken from the globals Jest injects into every test
 * file. Not imported from '@jest/globals' at run time, because that module throws when loaded
 * outside Jest, and this package's index is also loaded outside Jest (an app registering the
 * reference connector). The types still come from '@jest/globals'.
 */
export function jestApi(): JestApi {
  const globals = globalThis as Partial<JestApi>;
  const { describe, it, afterAll } = globals;
  if (typeof describe !== 'function' || typeof it !== 'function' || typeof afterAll !== 'function') {
    throw new Error(
      'runConnectorConformanceSuite declares Jest tests: call it at the top level of a Jest test file ' +
        '(with Jest’s injectGlobals left on, the default).',
    );
  }
  return { describe, it, afterAll };
}
