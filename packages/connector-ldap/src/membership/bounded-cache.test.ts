import { describe, expect, it } from '@jest/globals';
import { BoundedCache } from './bounded-cache.js';

describe('BoundedCache', () => {
  it('forgets the least recently used entry beyond its capacity', () => {
    const cache = new BoundedCache<string, number>(2, 1000, () => 0);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recently used
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('forgets entries older than their time to live', () => {
    let now = 0;
    const cache = new BoundedCache<string, number>(10, 100, () => now);
    cache.set('a', 1);
    now = 99;
    expect(cache.get('a')).toBe(1);
    now = 200;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('forgets entries by value', () => {
    const cache = new BoundedCache<string, string>(10, 1000, () => 0);
    cache.set('uid=a,dc=x', 'id-1');
    cache.set('uid=b,dc=x', 'id-2');
    cache.deleteWhere((id) => id === 'id-1');
    expect(cache.get('uid=a,dc=x')).toBeUndefined();
    expect(cache.get('uid=b,dc=x')).toBe('id-2');
  });
});
