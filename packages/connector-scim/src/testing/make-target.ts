import { createRecordingContext, type RecordingContext } from '@idsync/connector-testkit';
import { validateConnectorConfig, type Clock } from '@idsync/core';
import { toScimConfig } from '../config.js';
import { SCIM_MANIFEST } from '../manifest.js';
import { ScimTarget } from '../scim-target.js';

/** A target made the way the definition makes it, from raw settings, with a recording log. */
export function makeTarget(
  settings: Record<string, unknown>,
  options: { clock?: Clock; context?: RecordingContext } = {},
): { target: ScimTarget; context: RecordingContext } {
  const context = options.context ?? createRecordingContext('scim-test');
  const config = toScimConfig(validateConnectorConfig(SCIM_MANIFEST, settings));
  return { target: new ScimTarget(config, context, options.clock ? { clock: options.clock } : {}), context };
}

/** Runs `body` and returns what it threw (failing when it did not throw). */
export async function caught(body: () => Promise<unknown>): Promise<unknown> {
  try {
    await body();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it returned');
}
