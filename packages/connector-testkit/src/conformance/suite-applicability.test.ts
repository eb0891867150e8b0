import { describe, expect, it } from '@jest/globals';
import { validateConnectorConfig } from '@idsync/core';
import { createReferenceConformanceOptions } from '../reference/reference-conformance-options.js';
import { createRecordingContext } from './recording-context.js';
import { CONFORMANCE_CHECKS, conformanceCheck } from './conformance-checks.js';
import type { ConformanceOptions } from './conformance-options.js';
import { overrideOperations } from './override-operations.js';
import { runConformanceCheck, scopeOf } from './run-conformance-check.js';

/** The reference connector reduced to a read-only one (as an HR source would be). */
const readOnly = (): ConformanceOptions => {
  const options = createReferenceConformanceOptions((connector) =>
    overrideOperations(connector, { create: null, patch: null, replace: null, disable: null, delete: null }),
  );
  const manifest = options.definition.manifest;
  const honestManifest = { ...manifest, capabilities: { ...manifest.capabilities, softDelete: false } };
  return { ...options, definition: { ...options.definition, manifest: honestManifest } };
};

function applicableIds(options: ConformanceOptions): string[] {
  const { definition, sampleConfig } = options;
  const probe = definition.create(
    validateConnectorConfig(definition.manifest, sampleConfig),
    createRecordingContext(),
  );
  return CONFORMANCE_CHECKS.filter((check) => check.applies(scopeOf(options, probe))).map(
    (check) => check.id,
  );
}

describe('which checks apply', () => {
  it('every check applies to the reference connector, which implements everything', () => {
    expect(applicableIds(createReferenceConformanceOptions())).toEqual(
      CONFORMANCE_CHECKS.map((check) => check.id),
    );
  });

  it('a connector without patch is not tested for patch, but still for replace', () => {
    const ids = applicableIds(
      createReferenceConformanceOptions((connector) => overrideOperations(connector, { patch: null })),
    );
    expect(ids.filter((id) => id.startsWith('update.patch'))).toEqual([]);
    expect(ids).toEqual(
      expect.arrayContaining(['update.replace-sets', 'update.replace-clears', 'changes.update-appears']),
    );
  });

  it('without samples.group, group and membership checks are not declared', () => {
    const options = createReferenceConformanceOptions();
    const { group: _group, ...samples } = options.samples;
    const ids = applicableIds({ ...options, samples });
    expect(ids.filter((id) => id.startsWith('membership.') || id === 'crud.group-round-trip')).toEqual([]);
  });

  it('a read-only connector is tested for reading, finding and changes only', () => {
    const ids = applicableIds(readOnly());
    const writeChecks = ids.filter(
      (id) =>
        id.startsWith('crud.') ||
        id.startsWith('update.') ||
        id === 'errors.duplicate-conflict' ||
        id === 'errors.invalid-data',
    );
    expect(writeChecks).toEqual([]);
    expect(ids).toEqual(
      expect.arrayContaining([
        'paging.every-object-once',
        'changes.resume-without-replay',
        'changes.delete-appears',
        'errors.get-unknown',
      ]),
    );
  });

  it('a read-only connector passes its checks, with objects seeded and removed through the fixture hooks', async () => {
    const options = readOnly();
    const ids = applicableIds(options);
    for (const check of CONFORMANCE_CHECKS.filter((candidate) => ids.includes(candidate.id))) {
      await expect(runConformanceCheck(check, options)).resolves.toBeUndefined();
    }
  });

  it('a read-only connector without seed() fails the checks that need objects, saying what to add', async () => {
    const options = readOnly();
    const withoutSeed: ConformanceOptions = {
      ...options,
      connect: async (context) => {
        const { seed: _seed, ...fixture } = await options.connect(context);
        return fixture;
      },
    };
    await expect(
      runConformanceCheck(conformanceCheck('paging.every-object-once'), withoutSeed),
    ).rejects.toThrow(/no create\(\) and the fixture no seed\(\)/);
  });
});
