import { describe, expect, it } from '@jest/globals';
import { splitMemberPatch } from './member-patch.js';

describe('splitMemberPatch', () => {
  it('turns member operations into membership calls and keeps the rest', () => {
    const { members, others } = splitMemberPatch([
      { op: 'add', path: 'members', value: [{ value: 'a' }, { value: 'b' }] },
      { op: 'remove', path: 'members[value eq "c"]' },
      { op: 'replace', path: 'displayName', value: 'New' },
      { op: 'replace', path: 'Members', value: [{ value: 'd' }] },
      { op: 'remove', path: 'members' },
    ]);
    expect(members).toEqual([
      { kind: 'add', ids: ['a', 'b'] },
      { kind: 'remove', ids: ['c'] },
      { kind: 'replace', ids: ['d'] },
      { kind: 'clear' },
    ]);
    expect(others).toEqual([{ op: 'replace', path: 'displayName', value: 'New' }]);
  });

  it('reads Entra’s remove with a value list', () => {
    expect(splitMemberPatch([{ op: 'remove', path: 'members', value: [{ value: 'x' }] }]).members).toEqual([
      { kind: 'remove', ids: ['x'] },
    ]);
  });

  it('refuses member filters it cannot turn into ids', () => {
    expect(() => splitMemberPatch([{ op: 'remove', path: 'members[display eq "Ada"]' }])).toThrow(
      /members\[value eq "id"\]/,
    );
  });
});
