import { createHash } from 'node:crypto';
import { ConnectorError, type ObjectType } from '@idsync/core';

/**
 * The incremental checkpoint, as the string the engine stores. It reads
 *
 *     ldap1.<deletes>.<state>
 *
 * where `<deletes>` says how this token sees deletions: `accesslog` (they are read from the
 * server's accesslog and reported) or `reconcile` (the server has no readable accesslog, so
 * deletions are NOT reported incrementally and only a full reconciliation finds them). An
 * operator or the engine can tell the two apart without decoding anything. `<state>` is
 * base64url JSON with everything needed to resume: no state lives in the connector.
 */
export interface ChangeToken {
  readonly type: ObjectType;
  /** A fingerprint of the searched bases and filter: a token for another layout cannot resume. */
  readonly scope: string;
  readonly upserts: PollState;
  /** Absent in `reconcile` tokens. */
  readonly deletes?: DeleteState;
}

/**
 * "Every change with a timestamp before `floor` (epoch seconds) has been reported, and so have
 * the changes listed in `seen` (hashes of id and version) at or after it." Timestamps have
 * one-second resolution, so several changes share a second; `seen` is how a poll that starts in
 * that second reports each of them exactly once.
 */
export interface PollState {
  readonly floor: number;
  readonly seen: readonly string[];
}

export interface DeleteState extends PollState {
  /** The accesslog suffix, e.g. `cn=accesslog`. */
  readonly logDn: string;
  /** Whether the log held a record at or before the floor: if it no longer does, it was purged past us. */
  readonly hadHistory: boolean;
}

const PREFIX = 'ldap1';

/** A short, stable hash: enough to tell changes apart, small enough for thousands in a token. */
export function changeHash(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 16);
}

export function encodeChangeToken(token: ChangeToken): string {
  const state = {
    v: 1,
    t: token.type,
    s: token.scope,
    u: [token.upserts.floor, token.upserts.seen],
    ...(token.deletes
      ? {
          d: [token.deletes.floor, token.deletes.seen, token.deletes.logDn, token.deletes.hadHistory ? 1 : 0],
        }
      : {}),
  };
  const mode = token.deletes ? 'accesslog' : 'reconcile';
  return `${PREFIX}.${mode}.${Buffer.from(JSON.stringify(state), 'utf8').toString('base64url')}`;
}

/** What a token says about deletes, for operators and for the engine's scheduling. */
export function deleteDetectionOf(token: string): 'accesslog' | 'reconcile' | undefined {
  const [prefix, mode] = token.split('.');
  return prefix === PREFIX && (mode === 'accesslog' || mode === 'reconcile') ? mode : undefined;
}

function refuse(why: string): ConnectorError {
  return new ConnectorError(
    'invalid',
    `This change token cannot be resumed: ${why}. Run a full reconciliation, then continue incrementally from its new token.`,
  );
}

const isHashList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');
const isSeconds = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Reads a token this connector issued for `type` and `scope`; anything else is `invalid`. */
export function decodeChangeToken(text: string, type: ObjectType, scope: string): ChangeToken {
  const [prefix, mode, payload, ...rest] = text.split('.');
  if (prefix !== PREFIX || (mode !== 'accesslog' && mode !== 'reconcile') || !payload || rest.length > 0) {
    throw refuse('it was not issued by the LDAP connector');
  }
  let state: Record<string, unknown>;
  try {
    state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw refuse('it is damaged');
  }
  const upserts = state['u'];
  const deletes = state['d'];
  if (state['v'] !== 1 || !Array.isArray(upserts) || !isSeconds(upserts[0]) || !isHashList(upserts[1]))
    throw refuse('it is damaged');
  if (state['t'] !== type) throw refuse(`it was issued for ${String(state['t'])} objects, not ${type}`);
  if (state['s'] !== scope) throw refuse('the connection now searches other base DNs or with another filter');
  if ((mode === 'accesslog') !== Array.isArray(deletes)) throw refuse('it is damaged');
  const token: ChangeToken = { type, scope, upserts: { floor: upserts[0], seen: upserts[1] } };
  if (!Array.isArray(deletes)) return token;
  const [floor, seen, logDn, hadHistory] = deletes as unknown[];
  if (!isSeconds(floor) || !isHashList(seen) || typeof logDn !== 'string') throw refuse('it is damaged');
  return { ...token, deletes: { floor, seen, logDn, hadHistory: hadHistory === 1 } };
}
