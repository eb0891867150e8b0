import { validateConnectorConfig, type Connector } from '@idsync/core';
import type { CheckScope } from './conformance-check.js';
import { CONFORMANCE_CHECKS } from './conformance-checks.js';
import type { ConformanceOptions } from './conformance-options.js';
import { jestApi } from './jest-api.js';
import { createRecordingContext } from './recording-context.js';
import { runConformanceCheck, scopeOf } from './run-conformance-check.js';

/**
 * Declares the conformance suite for one connector: call it at the top level of a Jest test
 * file. Which checks are declared follows from what the connector implements (read from an
 * instance made from `sampleConfig`, which must not connect yet), from the manifest and from
 * the samples given; every declared check runs against a fresh fixture from `options.connect`.
 */
export function runConnectorConformanceSuite(options: ConformanceOptions): void {
  const { describe, it, afterAll } = jestApi();
  const manifest = options.definition.manifest;
  describe(`${options.name ?? manifest.displayName}: connector conformance`, () => {
    let probe: Connector;
    try {
      probe = options.definition.create(
        validateConnectorConfig(manifest, options.sampleConfig),
        createRecordingContext('probe'),
      );
    } catch (error) {
      it('makes a connector from the sample config', () => {
        throw error;
      });
      return;
    }
    afterAll(async () => {
      await probe.close?.();
    });
    const scope: CheckScope = scopeOf(options, probe);
    const areas = [...new Set(CONFORMANCE_CHECKS.map((check) => check.area))];
    for (const area of areas) {
      const checks = CONFORMANCE_CHECKS.filter((check) => check.area === area && check.applies(scope));
      if (checks.length === 0) continue;
      describe(area, () => {
        for (const check of checks) {
          it(check.title, () => runConformanceCheck(check, options, scope.capabilities));
        }
      });
    }
  });
}
