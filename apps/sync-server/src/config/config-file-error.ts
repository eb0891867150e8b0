import { ConfigError, type ConfigIssue } from '@idsync/core';

/** A config issue with the line of the file it is about, when the file has that key. */
export interface LocatedIssue extends ConfigIssue {
  readonly line?: number;
}

/**
 * A config file that cannot be used: every problem at once, each as `file:line key: problem fix`,
 * so a person fixes the file in one pass. Messages never contain values from the environment
 * or secret settings.
 */
export class ConfigFileError extends ConfigError {
  constructor(
    readonly located: readonly LocatedIssue[],
    readonly file: string,
  ) {
    super(located, file);
    const count = located.length === 1 ? '1 problem' : `${located.length} problems`;
    this.message =
      `${file} has ${count}:\n` +
      located
        .map((issue) => {
          const where = issue.line !== undefined ? `line ${issue.line}, ` : '';
          return `  - ${where}${issue.key}: ${issue.problem}${issue.fix ? ` ${issue.fix}` : ''}`;
        })
        .join('\n');
  }
}
