import {
  validateConnectorConfig,
  type Clock,
  type ConnectorContext,
  type ConnectorDefinition,
} from '@idsync/core';
import { toScimConfig, type ScimConnectorConfig } from './config.js';
import { SCIM_MANIFEST } from './manifest.js';
import { ScimConnector } from './scim-connector.js';
import { ScimPatchConnector } from './scim-patch-connector.js';
import { ScimTarget } from './scim-target.js';

export interface ScimDefinitionOptions {
  /** The clock of OAuth token expiry and rate limiting; tests pass a ManualClock. */
  readonly clock?: Clock;
}

/**
 * The plugin's definition, with two ways to make a connector:
 *
 * - `create` (the SPI's, synchronous, no network): `patchMode: patch` gives the PATCH-capable
 *   connector, `replace` the replace-only one, and `discover` — not knowing yet — the
 *   replace-only one, which is correct for every target (PATCH is an optimisation).
 * - `open` (async): asks the target first and, with `patchMode: discover`, returns the
 *   PATCH-capable connector exactly when the target says it supports PATCH. Apps that can
 *   await should use it.
 */
export interface ScimConnectorDefinition extends ConnectorDefinition {
  create(settings: Record<string, unknown>, context: ConnectorContext): ScimConnector;
  open(settings: Record<string, unknown>, context: ConnectorContext): Promise<ScimConnector>;
}

function connectorFor(target: ScimTarget, patch: boolean): ScimConnector {
  return patch ? new ScimPatchConnector(target) : new ScimConnector(target);
}

export function createScimDefinition(options: ScimDefinitionOptions = {}): ScimConnectorDefinition {
  const targetFor = (settings: Record<string, unknown>, context: ConnectorContext): ScimTarget => {
    const config: ScimConnectorConfig = toScimConfig(settings);
    return new ScimTarget(config, context, options.clock ? { clock: options.clock } : {});
  };
  return {
    manifest: SCIM_MANIFEST,
    create(settings, context) {
      const target = targetFor(settings, context);
      return connectorFor(target, target.config.patchMode === 'patch');
    },
    async open(settings, context) {
      const target = targetFor(settings, context);
      try {
        return connectorFor(target, await target.usesPatch());
      } catch (error) {
        await target.close();
        throw error;
      }
    },
  };
}

export const SCIM_DEFINITION: ScimConnectorDefinition = createScimDefinition();

/** Validates raw settings against the manifest and opens a connector after discovery. */
export function openScimConnector(raw: unknown, context: ConnectorContext): Promise<ScimConnector> {
  return SCIM_DEFINITION.open(validateConnectorConfig(SCIM_MANIFEST, raw), context);
}
