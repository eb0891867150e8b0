import { describe, expect, it } from '@jest/globals';
import { resourceHash } from './resource-hash.js';

describe('resourceHash', () => {
  it('ignores key order and meta', () => {
    const a = {
      userName: 'ada',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      meta: { version: 'W/"1"' },
    };
    const b = {
      name: { familyName: 'Lovelace', givenName: 'Ada' },
      userName: 'ada',
      meta: { version: 'W/"9"' },
    };
    expect(resourceHash(a)).toBe(resourceHash(b));
  });

  it('changes when content changes, including array order and nulls', () => {
    const base = { userName: 'ada', emails: [{ value: 'a@x' }, { value: 'b@x' }] };
    expect(resourceHash(base)).not.toBe(resourceHash({ ...base, userName: 'Ada' }));
    expect(resourceHash(base)).not.toBe(resourceHash({ ...base, emails: [...base.emails].reverse() }));
    expect(resourceHash(base)).not.toBe(resourceHash({ ...base, title: null }));
  });
});
