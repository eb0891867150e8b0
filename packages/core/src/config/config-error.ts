/** One problem with one configuration key. */
export interface ConfigIssue {
  /** The key as a dotted path from the root of what was validated, e.g. `connections.hr.config.baseUrl`. */
  readonly key: string;
  readonly problem: string;
  readonly fix: string;
}

/**
 * Bad configuration: every problem found, each naming the key and the fix, so a person can
 * correct the file in one pass. Never carries secret values.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly issues: readonly ConfigIssue[],
    readonly source?: string,
  ) {
    const where = source ? ` in ${source}` : '';
    super(
      `Invalid configuration${where}:\n` +
        issues.map((issue) => `  - ${issue.key}: ${issue.problem} ${issue.fix}`).join('\n'),
    );
  }
}
