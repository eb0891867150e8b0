import { validateConnectorConfig, type TestConnectionResult } from '@idsync/core';
import type { CheckContext, ConformanceCheck } from './conformance-check.js';
import { expectThat, show } from './conformance-failure.js';
import { bound } from './bound-operation.js';
import { expectNoError } from './expect-connector-error.js';
import { leakedSecretIn, secretValues } from './secret-values.js';

function expectWellFormed(result: TestConnectionResult, what: string, secrets: readonly string[]): void {
  expectThat(
    typeof result === 'object' && result !== null && Array.isArray(result.checks) && result.checks.length > 0,
    () =>
      `${what} returned ${show(result)}; it must return { ok, checks } with at least one check saying what was tried.`,
  );
  for (const check of result.checks) {
    expectThat(
      typeof check.name === 'string' &&
        check.name !== '' &&
        typeof check.detail === 'string' &&
        check.detail.trim() !== '',
      () =>
        `${what} returned the check ${show(check)}; every check needs a name and a detail a person can act on.`,
    );
    expectThat(typeof check.ok === 'boolean', () => `${what}: check "${check.name}" has no boolean ok.`);
    const leaked = leakedSecretIn(`${check.name} ${check.detail}`, secrets);
    expectThat(
      leaked === undefined,
      () =>
        `${what}: the detail of check "${check.name}" contains a secret of the config. Never put secrets in details.`,
    );
  }
  expectThat(
    result.ok === result.checks.every((check) => check.ok),
    () =>
      `${what} returned ok: ${result.ok}, but its checks say ${show(result.checks.map((c) => [c.name, c.ok]))}; ok must be true exactly when every check passed.`,
  );
}

async function checkReportsChecks(context: CheckContext): Promise<void> {
  const testConnection = bound(context.connector, 'testConnection');
  const what = 'testConnection() against the working store';
  const result = await expectNoError(() => testConnection(), what);
  expectWellFormed(result, what, secretValues(context.manifest, context.options.sampleConfig));
  const failed = result.checks.filter((check) => !check.ok);
  expectThat(
    failed.length === 0,
    () => `${what} reported failed checks ${show(failed)} although the fixture's store works.`,
  );
}

async function checkReportsBadCredentials(context: CheckContext): Promise<void> {
  const { definition, badCredentialsConfig, sampleConfig } = context.options;
  const config = validateConnectorConfig(definition.manifest, badCredentialsConfig);
  const connector = definition.create(config, context.connectorContext);
  try {
    const testConnection = bound(connector, 'testConnection');
    const what = 'testConnection() with badCredentialsConfig';
    const result = await expectNoError(
      () => testConnection(),
      `${what} (a failed connection is reported in the result, not thrown)`,
    );
    expectWellFormed(result, what, secretValues(context.manifest, sampleConfig, badCredentialsConfig));
    expectThat(
      result.ok === false,
      () => `${what} returned ok: true; wrong credentials must fail a check that says so.`,
    );
  } finally {
    await connector.close?.();
  }
}

export const CONNECTION_CHECKS: readonly ConformanceCheck[] = [
  {
    id: 'connection.reports-checks',
    area: 'test connection',
    title:
      'testConnection() returns named checks with details, all passing on a working store, without secrets',
    applies: (scope) => scope.capabilities.testConnection,
    run: checkReportsChecks,
  },
  {
    id: 'connection.reports-bad-credentials',
    area: 'test connection',
    title: 'testConnection() with wrong credentials reports a failed check instead of throwing',
    applies: (scope) => scope.capabilities.testConnection && scope.options.badCredentialsConfig !== undefined,
    run: checkReportsBadCredentials,
  },
];
