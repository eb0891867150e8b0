import { expect } from '@jest/globals';
import type { Connector, ConnectorContext } from '@idsync/core';
import type { InMemoryIdentityStore } from '../../reference/in-memory-identity-store.js';
import { createReferenceConformanceOptions } from '../../reference/reference-conformance-options.js';
import type { ReferenceConnector } from '../../reference/reference-connector.js';
import { conformanceCheck } from '../conformance-checks.js';
import { ConformanceFailure } from '../conformance-failure.js';
import type { ConformanceOptions } from '../conformance-options.js';
import { overrideOperations, type OperationOverrides } from '../override-operations.js';
import { runConformanceCheck } from '../run-conformance-check.js';

/*
 * Support for the suite's own tests: the reference connector with some methods replaced by
 * deliberately broken ones, and an assertion that a given check catches the breakage.
 */

export type Breakage = (
  connector: ReferenceConnector,
  store: InMemoryIdentityStore,
  context: ConnectorContext,
) => OperationOverrides;

/** The reference connector's conformance options, with the connector broken as `breakage` says. */
export function brokenReference(breakage: Breakage): ConformanceOptions {
  return createReferenceConformanceOptions((connector, store, context): Connector =>
    overrideOperations(connector, breakage(connector, store, context)),
  );
}

/** Runs one check and asserts it fails with a `ConformanceFailure` whose message matches. */
export async function expectCaught(
  checkId: string,
  options: ConformanceOptions,
  message: RegExp,
): Promise<void> {
  const outcome = await runConformanceCheck(conformanceCheck(checkId), options).then(
    () => 'the check passed',
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ConformanceFailure);
  expect((outcome as Error).message).toMatch(message);
}
