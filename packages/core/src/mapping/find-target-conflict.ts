import { formatFilterLiteral } from './mapping-path.js';
import type { ResolvedPath } from './resolve-mapping-path.js';

/** A target already claimed by an earlier mapping of the rule. */
export interface ClaimedTarget {
  readonly path: ResolvedPath;
  /** The mapping's number (from 1) and target as configured, for the error message. */
  readonly mappingNumber: number;
  readonly target: string;
}

export interface TargetConflict {
  readonly kind: 'duplicate' | 'overlap';
  readonly other: ClaimedTarget;
}

function filterKey(path: ResolvedPath): string {
  if (!path.filter) return '';
  const value = path.filter.value;
  const text = typeof value === 'string' ? JSON.stringify(value.toLowerCase()) : formatFilterLiteral(value);
  return `${path.filter.attribute.toLowerCase()} eq ${text}`;
}

/**
 * Whether `path` collides with a target claimed before. Two mappings may not write the same
 * place (a duplicate), nor a whole attribute and a part of it, nor an attribute both as one
 * complex value (`emails.value`) and by element (`emails[type eq "work"].value`) — either way
 * one would overwrite the other depending on order. Names compare without regard to case.
 */
export function findTargetConflict(
  path: ResolvedPath,
  claimed: readonly ClaimedTarget[],
): TargetConflict | undefined {
  const container = (path.extension ?? '').toLowerCase();
  const attribute = path.attribute.toLowerCase();
  const sub = path.subAttribute?.toLowerCase();
  for (const other of claimed) {
    const theirs = other.path;
    if ((theirs.extension ?? '').toLowerCase() !== container || theirs.attribute.toLowerCase() !== attribute)
      continue;
    const theirSub = theirs.subAttribute?.toLowerCase();
    const whole = !path.filter && sub === undefined;
    const theirWhole = !theirs.filter && theirSub === undefined;
    if (whole && theirWhole) return { kind: 'duplicate', other };
    if (whole || theirWhole) return { kind: 'overlap', other };
    if (Boolean(path.filter) !== Boolean(theirs.filter)) return { kind: 'overlap', other };
    if (filterKey(path) === filterKey(theirs) && sub === theirSub) return { kind: 'duplicate', other };
  }
  return undefined;
}
