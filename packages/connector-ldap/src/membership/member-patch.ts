import { ConnectorError } from '@idsync/core';
import { getCaseInsensitive, parsePatchPath, type PatchOperation } from '@idsync/scim';

/** A PATCH of a group's members, as a membership call. */
export type MemberPatch =
  | { readonly kind: 'add' | 'remove' | 'replace'; readonly ids: readonly string[] }
  | { readonly kind: 'clear' };

const idsIn = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .map((member) =>
      member && typeof member === 'object' ? getCaseInsensitive<unknown>(member, 'value') : member,
    )
    .filter((id): id is string => typeof id === 'string' && id !== '');

function isMembersPath(path: string | undefined): boolean {
  return path !== undefined && /^\s*members(\s*\[|\s*$)/i.test(path);
}

/**
 * Splits a group PATCH into the operations on `members`, which become membership calls, and the
 * rest, which update the entry's attributes. Supported member forms are the ones engines and
 * IdPs send: add with a list of `{ value }`, remove `members[value eq "id"]`, remove `members`
 * (all), replace with a list.
 */
export function splitMemberPatch(operations: readonly PatchOperation[]): {
  members: MemberPatch[];
  others: PatchOperation[];
} {
  const members: MemberPatch[] = [];
  const others: PatchOperation[] = [];
  for (const operation of operations) {
    if (!isMembersPath(operation.path)) {
      others.push(operation);
      continue;
    }
    const path = parsePatchPath(operation.path as string);
    if (operation.op === 'remove' && path.valueFilter) {
      const filter = path.valueFilter;
      if (
        filter.kind !== 'comparison' ||
        filter.operator !== 'eq' ||
        filter.path.attribute.toLowerCase() !== 'value' ||
        typeof filter.value !== 'string'
      ) {
        throw new ConnectorError(
          'unsupported',
          `patch: the member filter in "${operation.path}" is not supported; use members[value eq "id"].`,
        );
      }
      members.push({ kind: 'remove', ids: [filter.value] });
    } else if (operation.op === 'remove') {
      const ids = idsIn(operation.value);
      members.push(ids.length > 0 ? { kind: 'remove', ids } : { kind: 'clear' });
    } else {
      members.push({ kind: operation.op, ids: idsIn(operation.value) });
    }
  }
  return { members, others };
}
