import { describe, expect, it } from '@jest/globals';
import { entryMatchesFilter, parseEntryLines } from './entry-matches-filter.js';

const deletedUser = parseEntryLines([
  'objectClass: inetOrgPerson',
  'objectClass: shadowAccount',
  'uid: ada',
  'cn: Ada Lovelace',
  'entryUUID: 1234',
]);

describe('entryMatchesFilter (for deleted entries in the accesslog)', () => {
  it('matches any value of multi-valued attributes without case', () => {
    expect(entryMatchesFilter('(objectClass=INETORGPERSON)', deletedUser)).toBe(true);
    expect(entryMatchesFilter('(objectClass=groupOfNames)', deletedUser)).toBe(false);
  });

  it('evaluates logic, presence and substrings', () => {
    expect(
      entryMatchesFilter('(&(objectClass=shadowAccount)(!(objectClass=posixGroup))(uid=*))', deletedUser),
    ).toBe(true);
    expect(entryMatchesFilter('(|(objectClass=groupOfNames)(mail=*))', deletedUser)).toBe(false);
    expect(entryMatchesFilter('(cn=ada*lace)', deletedUser)).toBe(true);
    expect(entryMatchesFilter('(cn=*love*)', deletedUser)).toBe(true);
    expect(entryMatchesFilter('(cn=*lace*ada)', deletedUser)).toBe(false);
    expect(entryMatchesFilter('(cn=Ada*Ada)', parseEntryLines(['cn: Ada']))).toBe(false);
  });

  it('assumes a match where the server’s ordering rules would be needed', () => {
    expect(entryMatchesFilter('(createTimestamp>=20240101000000Z)', deletedUser)).toBe(true);
  });
});
