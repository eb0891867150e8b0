import { describe, expect, it } from '@jest/globals';
import {
  describeExpressionFunctions,
  EXPRESSION_FUNCTIONS,
  findExpressionFunction,
} from './function-catalog.js';

describe('function catalog', () => {
  it('holds the Entra/PingOne-style functions the mapping language promises', () => {
    const names = EXPRESSION_FUNCTIONS.map((fn) => fn.name);
    for (const name of [
      'Join',
      'Append',
      'Coalesce',
      'ToLower',
      'ToUpper',
      'Replace',
      'Left',
      'Mid',
      'Substring',
      'Split',
    ]) {
      expect(names).toContain(name);
    }
    for (const name of [
      'Switch',
      'IIF',
      'IsPresent',
      'IsNullOrEmpty',
      'Equals',
      'FormatDateTime',
      'StripSpaces',
      'NormalizeDiacritics',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('has one function per name regardless of case, found in any case', () => {
    const lower = EXPRESSION_FUNCTIONS.map((fn) => fn.name.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    expect(findExpressionFunction('formatdatetime')?.name).toBe('FormatDateTime');
    expect(findExpressionFunction('Nope')).toBeUndefined();
  });

  it('describes each function with a signature that starts with its name and a consistent argument range', () => {
    for (const { name, signature, summary } of describeExpressionFunctions()) {
      expect(signature.startsWith(`${name}(`)).toBe(true);
      expect(summary.length).toBeGreaterThan(10);
    }
    for (const fn of EXPRESSION_FUNCTIONS) expect(fn.minArgs).toBeLessThanOrEqual(fn.maxArgs);
  });
});
