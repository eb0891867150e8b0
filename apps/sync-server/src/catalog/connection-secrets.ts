import type { ConnectorRegistry } from '@idsync/core';
import type { ConnectionDefinition } from '../config/config-schema.js';

/** What the API shows for a secret setting, and what it accepts back as "keep the stored value". */
export const SECRET_PLACEHOLDER = '********';

/** The settings a connector's manifest marks secret (none for a connector that is not installed). */
export function secretKeysOf(connectors: ConnectorRegistry, connector: string): Set<string> {
  if (!connectors.has(connector)) return new Set();
  const fields = connectors.get(connector).manifest.configFields;
  return new Set(fields.filter((field) => field.secret).map((field) => field.key));
}

/**
 * A definition with its secret values taken out (what the catalog table may hold) and the
 * secrets on their own (what goes to the store's encrypted secret table).
 */
export function splitSecrets(
  definition: ConnectionDefinition,
  keys: ReadonlySet<string>,
): { stored: ConnectionDefinition; secrets: Record<string, string> } {
  const config: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(definition.config)) {
    if (keys.has(key) && value !== undefined && value !== null && value !== '') secrets[key] = String(value);
    else config[key] = value;
  }
  return { stored: { ...definition, config }, secrets };
}

/** An update that leaves a secret out, or sends the placeholder back, keeps the stored value. */
export function keepStoredSecrets(
  definition: ConnectionDefinition,
  existing: ConnectionDefinition | undefined,
  keys: ReadonlySet<string>,
): ConnectionDefinition {
  if (!existing) return definition;
  const config = { ...definition.config };
  for (const key of keys) {
    const kept = config[key] === undefined || config[key] === SECRET_PLACEHOLDER;
    if (kept && existing.config[key] !== undefined) config[key] = existing.config[key];
  }
  return { ...definition, config };
}
