/**
 * What the in-memory store answers when it refuses a request, in the store's own terms (as an
 * LDAP result code or an HTTP status would be). The connector maps these to `ConnectorError`
 * in `to-connector-error.ts`, which is the part every real connector has to write too.
 */
export type ReferenceStoreErrorKind =
  | 'no-such-object'
  | 'duplicate'
  | 'refused'
  | 'unreachable'
  | 'bad-credentials'
  | 'expired-token'
  | 'bad-token'
  | 'not-supported';

/** The status a remote API would send with each kind, reported as `remoteStatus`. */
export const STATUS_OF_KIND: Readonly<Record<ReferenceStoreErrorKind, number | string>> = {
  'no-such-object': 404,
  duplicate: 409,
  refused: 400,
  unreachable: 'ECONNREFUSED',
  'bad-credentials': 401,
  'expired-token': 410,
  'bad-token': 400,
  'not-supported': 501,
};

export class ReferenceStoreError extends Error {
  override readonly name = 'ReferenceStoreError';

  constructor(
    readonly kind: ReferenceStoreErrorKind,
    message: string,
  ) {
    super(message);
  }
}
