import type { ConfigField, ConnectorManifest } from '../spi/connector-manifest.js';
import { ConfigError, type ConfigIssue } from './config-error.js';

function describeType(field: ConfigField): string {
  switch (field.type) {
    case 'enum':
      return `one of ${field.values?.map((v) => `"${v}"`).join(', ')}`;
    case 'string-list':
      return 'a list of strings';
    case 'url':
      return 'an http(s) URL';
    default:
      return `a ${field.type}`;
  }
}

/** Checks one value; returns the normalised value or the problem. Secret values never appear in problems. */
function checkValue(field: ConfigField, value: unknown): { value: unknown } | { problem: string } {
  const shown = field.secret ? '(secret value hidden)' : JSON.stringify(value);
  const wrong = { problem: `expected ${describeType(field)}, got ${shown}.` };
  switch (field.type) {
    case 'string':
      return typeof value === 'string' ? { value } : wrong;
    case 'url': {
      if (typeof value !== 'string') return wrong;
      try {
        const url = new URL(value);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') return wrong;
        return { value };
      } catch {
        return wrong;
      }
    }
    case 'integer': {
      const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isInteger(number)) return wrong;
      if (field.min !== undefined && number < field.min)
        return { problem: `must be at least ${field.min}, got ${number}.` };
      if (field.max !== undefined && number > field.max)
        return { problem: `must be at most ${field.max}, got ${number}.` };
      return { value: number };
    }
    case 'boolean':
      if (typeof value === 'boolean') return { value };
      if (value === 'true' || value === 'false') return { value: value === 'true' };
      return wrong;
    case 'enum':
      return typeof value === 'string' && field.values?.includes(value) ? { value } : wrong;
    case 'string-list': {
      // A comma-delimited string is accepted too: PingOne's forms take lists that way.
      if (typeof value === 'string')
        return {
          value: value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        };
      return Array.isArray(value) && value.every((item) => typeof item === 'string') ? { value } : wrong;
    }
  }
}

/**
 * Validates a connection's connector settings against the plugin's declared fields, applies
 * defaults, and reports every problem at once, each naming the key (under `keyPrefix`) and the fix.
 */
export function validateConnectorConfig(
  manifest: ConnectorManifest,
  raw: unknown,
  keyPrefix = 'config',
): Record<string, unknown> {
  const issues: ConfigIssue[] = [];
  const input =
    raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  if (!input) {
    throw new ConfigError([
      {
        key: keyPrefix,
        problem: 'is missing or not an object.',
        fix: `Give the settings of the "${manifest.id}" connector as a map.`,
      },
    ]);
  }
  const known = new Map(manifest.configFields.map((field) => [field.key, field]));
  const result: Record<string, unknown> = {};
  for (const field of manifest.configFields) {
    const value = input[field.key];
    const key = `${keyPrefix}.${field.key}`;
    if (value === undefined || value === null || value === '') {
      if (field.default !== undefined) result[field.key] = field.default;
      else if (field.required)
        issues.push({
          key,
          problem: 'is required.',
          fix: `Set it to ${describeType(field)}: ${field.description}`,
        });
      continue;
    }
    const checked = checkValue(field, value);
    if ('problem' in checked)
      issues.push({
        key,
        problem: checked.problem,
        fix: `Set it to ${describeType(field)}: ${field.description}`,
      });
    else result[field.key] = checked.value;
  }
  for (const key of Object.keys(input)) {
    if (!known.has(key)) {
      issues.push({
        key: `${keyPrefix}.${key}`,
        problem: `is not a setting of the "${manifest.id}" connector.`,
        fix: `Remove it or use one of: ${[...known.keys()].join(', ')}.`,
      });
    }
  }
  if (issues.length) throw new ConfigError(issues);
  return result;
}

/** A copy of a configuration safe to log or return from the API: secret values replaced. */
export function redactSecrets(
  manifest: ConnectorManifest,
  config: Record<string, unknown>,
): Record<string, unknown> {
  const secrets = new Set(manifest.configFields.filter((field) => field.secret).map((field) => field.key));
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      secrets.has(key) && value !== undefined ? '********' : value,
    ]),
  );
}
