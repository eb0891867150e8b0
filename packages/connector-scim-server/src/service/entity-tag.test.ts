import { describe, expect, it } from '@jest/globals';
import { assertIfMatch, entityTag, ifNoneMatchHits } from './entity-tag.js';

describe('entity tags', () => {
  it('derive W/"<version>" from the hub version', () => {
    expect(entityTag(7)).toBe('W/"7"');
  });

  it('match If-Match lists, weak or strong, and *', () => {
    expect(() => assertIfMatch(undefined, 3)).not.toThrow();
    expect(() => assertIfMatch('*', 3)).not.toThrow();
    expect(() => assertIfMatch('W/"3"', 3)).not.toThrow();
    expect(() => assertIfMatch('"3"', 3)).not.toThrow();
    expect(() => assertIfMatch('W/"1", W/"3"', 3)).not.toThrow();
    expect(() => assertIfMatch('W/"2"', 3)).toThrow(expect.objectContaining({ status: 412 }));
    expect(() => assertIfMatch('W/"33"', 3)).toThrow(expect.objectContaining({ status: 412 }));
  });

  it('tell when If-None-Match names the current version', () => {
    expect(ifNoneMatchHits('W/"3"', 3)).toBe(true);
    expect(ifNoneMatchHits('*', 3)).toBe(true);
    expect(ifNoneMatchHits('W/"2"', 3)).toBe(false);
    expect(ifNoneMatchHits(undefined, 3)).toBe(false);
  });
});
