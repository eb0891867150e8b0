import { ConfigError, type ConfigIssue } from '@idsync/core';

/** A connection or rule the admin API refused: the same issues a config file would get (HTTP 400). */
export class CatalogError extends ConfigError {
  constructor(issues: readonly ConfigIssue[]) {
    super(issues, 'the request');
  }
}
