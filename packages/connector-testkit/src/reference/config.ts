/** The reference connector's configuration after `validateConnectorConfig` (defaults applied). */
export interface ReferenceConfig {
  readonly name: string;
  /** Secret: compare it, never log or echo it. */
  readonly accessKey: string;
  readonly pageSize: number;
}

/**
 * Narrows validated settings to the typed config. Validation already happened against the
 * manifest; this only guards against a caller that skipped it.
 */
export function toReferenceConfig(settings: Readonly<Record<string, unknown>>): ReferenceConfig {
  const { name, accessKey, pageSize } = settings;
  if (typeof name !== 'string' || typeof accessKey !== 'string') {
    throw new TypeError(
      'The reference connector needs validated settings with a string "name" and "accessKey".',
    );
  }
  return { name, accessKey, pageSize: typeof pageSize === 'number' ? pageSize : 100 };
}
