/**
 * A small deterministic pseudo-random generator (a 32-bit multiply–xorshift mix in the style of
 * mulberry32). Not for cryptography: it exists so that injected faults are the same on every
 * run of a test with the same seed.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
