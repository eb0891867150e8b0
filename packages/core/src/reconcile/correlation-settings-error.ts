import { caretExcerpt } from '../mapping/mapping-expression-error.js';

/** The two correlation preferences of a connection. */
export type CorrelationSetting = 'userFilterExpression' | 'userIdentifier';

const LABELS: Record<CorrelationSetting, string> = {
  userFilterExpression: 'user filter expression',
  userIdentifier: 'user identifier',
};

/**
 * A connection's correlation settings cannot work: the user filter expression does not parse
 * or has no `%s`, or the user identifier is not an attribute the rules map. Raised when the
 * rules are compiled for a run — never discovered user by user, where every user would fail
 * to correlate (or worse, be created again).
 */
export class CorrelationSettingsError extends Error {
  override readonly name = 'CorrelationSettingsError';

  constructor(
    readonly connectionId: string,
    readonly connectionName: string,
    readonly setting: CorrelationSetting,
    /** The setting's text as configured. */
    readonly text: string,
    /** 1-based character position of the problem in `text` (`text.length + 1`: at the end). */
    readonly position: number,
    /** What is wrong, without location. */
    readonly problem: string,
    /** What to do about it. */
    readonly fix: string,
  ) {
    super(
      `Connection "${connectionName}" (${connectionId}): the ${LABELS[setting]} "${text}" is invalid at position ${position}: ` +
        `${problem}\n${caretExcerpt(text, position - 1)}\n${fix}`,
    );
  }
}
