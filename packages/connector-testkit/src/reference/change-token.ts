import { ReferenceStoreError } from './reference-store-error.js';

/**
 * A change token is the store instance's id and a change-log position: `<instance>.<seq>`.
 * The instance part makes a token from another store (or from before a restart of an
 * in-memory one) fail loudly instead of resuming at a meaningless position.
 */
export function encodeChangeToken(instanceId: string, seq: number): string {
  return `${instanceId}.${seq}`;
}

export function decodeChangeToken(instanceId: string, token: string): number {
  const match = /^([A-Za-z0-9-]+)\.(\d{1,15})$/.exec(token);
  if (!match) {
    throw new ReferenceStoreError(
      'bad-token',
      `"${token.slice(0, 40)}" is not a change token of the reference store; use one from latestToken() or a change batch.`,
    );
  }
  if (match[1] !== instanceId) {
    throw new ReferenceStoreError(
      'expired-token',
      'The change token was issued by another instance of the store; run a full reconciliation and start again from latestToken().',
    );
  }
  return Number(match[2]);
}
