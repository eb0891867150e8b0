import { ScimError } from '@idsync/scim';

/**
 * A ScimError that needs response headers as well: 401 with `WWW-Authenticate`, 429 with
 * `Retry-After`, 405 with `Allow`. The body is the ordinary SCIM error body.
 */
export class ScimHttpError extends ScimError {
  constructor(
    status: number,
    detail: string,
    readonly headers: Readonly<Record<string, string>>,
  ) {
    super(status, undefined, detail);
  }
}
