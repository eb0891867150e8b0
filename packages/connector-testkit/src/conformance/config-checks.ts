import { ConfigError, validateConnectorConfig } from '@idsync/core';
import type { CheckContext, CheckScope, ConformanceCheck } from './conformance-check.js';
import { ConformanceFailure, expectThat } from './conformance-failure.js';

async function checkAcceptsSample({ manifest, options }: CheckContext): Promise<void> {
  try {
    validateConnectorConfig(manifest, options.sampleConfig);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConformanceFailure(
      `validateConnectorConfig rejected the sample config against the manifest's configFields: ${error.message}\n` +
        'Either the sample is wrong or a field is declared with the wrong type, range or enum values.',
    );
  }
}

/** The required fields a connection cannot do without: required and no default. */
function requiredFields(scope: CheckScope): string[] {
  return scope.manifest.configFields
    .filter((field) => field.required && field.default === undefined)
    .map((field) => field.key);
}

async function checkRejectsMissingRequired(context: CheckContext): Promise<void> {
  for (const key of requiredFields(context)) {
    const { [key]: _removed, ...config } = context.options.sampleConfig;
    let issues: readonly { key: string }[] = [];
    try {
      validateConnectorConfig(context.manifest, config);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      issues = error.issues;
    }
    expectThat(
      issues.some((issue) => issue.key === `config.${key}`),
      () =>
        `Without "${key}" the sample config still validated (or the error did not name config.${key}). ` +
        `Declare "${key}" with required: true so a connection missing it fails at load time, not at the first sync.`,
    );
  }
}

export const CONFIG_CHECKS: readonly ConformanceCheck[] = [
  {
    id: 'config.accepts-sample',
    area: 'config',
    title: 'validateConnectorConfig accepts the sample config',
    applies: () => true,
    run: checkAcceptsSample,
  },
  {
    id: 'config.rejects-missing-required',
    area: 'config',
    title: 'validateConnectorConfig rejects a config missing a required field, naming the key',
    applies: (scope) => requiredFields(scope).length > 0,
    run: checkRejectsMissingRequired,
  },
];
