import { findKeyCaseInsensitive } from '@idsync/scim';
import { show } from './conformance-failure.js';

/** Attributes the store, not the caller, owns, or that are never read back. */
const NOT_COMPARED = new Set(['schemas', 'id', 'meta', 'password', 'members']);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Where `actual` fails to carry what `expected` says, or undefined when it carries all of it.
 * "Carries" is deliberately lenient where stores legitimately differ: names compare without
 * case, the store may add attributes and sub-attributes of its own (defaults, `primary`), and
 * multi-valued attributes compare as sets. It is strict on values: a string changed, a
 * sub-attribute dropped or a value lost is a mismatch.
 */
export function findMismatch(expected: object, actual: object): string | undefined {
  for (const [name, value] of Object.entries(expected)) {
    if (NOT_COMPARED.has(name.toLowerCase()) || value === undefined) continue;
    const problem = mismatchAt(name, value, valueOf(actual, name));
    if (problem) return problem;
  }
  return undefined;
}

function valueOf(object: object, name: string): unknown {
  const key = findKeyCaseInsensitive(object, name);
  return key === undefined ? undefined : (object as Json)[key];
}

function mismatchAt(path: string, expected: unknown, actual: unknown): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return `${path}: expected ${show(expected)}, got ${show(actual)}`;
    }
    const unused = [...actual];
    for (const item of expected) {
      const index = unused.findIndex((candidate) => mismatchAt(path, item, candidate) === undefined);
      if (index < 0) return `${path}: the value ${show(item)} is missing from ${show(actual)}`;
      unused.splice(index, 1);
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return `${path}: expected ${show(expected)}, got ${show(actual)}`;
    for (const [name, value] of Object.entries(expected)) {
      if (value === undefined) continue;
      const problem = mismatchAt(`${path}.${name}`, value, valueOf(actual, name));
      if (problem) return problem;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : `${path}: expected ${show(expected)}, got ${show(actual)}`;
}
