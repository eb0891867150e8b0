import { ConnectorError, type ConnectorErrorCode } from '@idsync/core';
import { isScimError } from '@idsync/scim';
import {
  ReferenceStoreError,
  STATUS_OF_KIND,
  type ReferenceStoreErrorKind,
} from './reference-store-error.js';

const CODE_OF_KIND: Readonly<Record<ReferenceStoreErrorKind, ConnectorErrorCode>> = {
  'no-such-object': 'not-found',
  duplicate: 'conflict',
  refused: 'invalid',
  unreachable: 'unavailable',
  'bad-credentials': 'unauthorized',
  // An expired token cannot be fixed by retrying: the engine must fall back to a full reconciliation.
  'expired-token': 'stale-token',
  'bad-token': 'invalid',
  'not-supported': 'unsupported',
};

/**
 * Maps what the store or the SCIM validator threw to the one error type the engine
 * understands. Errors that are already `ConnectorError`s (injected faults) pass unchanged;
 * anything else is a bug and is rethrown as it is, so it is not mistaken for a store answer.
 */
export function toConnectorError(error: unknown, what: string): unknown {
  if (error instanceof ConnectorError) return error;
  if (error instanceof ReferenceStoreError) {
    return new ConnectorError(CODE_OF_KIND[error.kind], `${what}: ${error.message}`, {
      remoteStatus: STATUS_OF_KIND[error.kind],
      remoteMessage: error.message,
      cause: error,
    });
  }
  if (isScimError(error)) {
    return new ConnectorError(error.status === 409 ? 'conflict' : 'invalid', `${what}: ${error.detail}`, {
      remoteStatus: error.status,
      remoteMessage: error.detail,
      cause: error,
    });
  }
  return error;
}
