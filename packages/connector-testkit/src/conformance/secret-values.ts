import type { ConnectorManifest } from '@idsync/core';

/**
 * The values of the secret fields in the given configs, for checks that output and logs never
 * contain them. Very short values are left out: they would match by accident.
 */
export function secretValues(
  manifest: ConnectorManifest,
  ...configs: (Readonly<Record<string, unknown>> | undefined)[]
): string[] {
  const keys = manifest.configFields.filter((field) => field.secret).map((field) => field.key);
  const values = configs.flatMap((config) => keys.map((key) => config?.[key]));
  return [
    ...new Set(values.filter((value): value is string => typeof value === 'string' && value.length >= 4)),
  ];
}

/** The first secret found in `text`, named by position only (the failure message must not leak it either). */
export function leakedSecretIn(text: string, secrets: readonly string[]): number | undefined {
  const index = secrets.findIndex((secret) => text.includes(secret));
  return index < 0 ? undefined : index;
}
