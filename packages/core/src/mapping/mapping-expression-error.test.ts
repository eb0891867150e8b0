import { describe, expect, it } from '@jest/globals';
import { caretExcerpt, MappingExpressionError } from './mapping-expression-error.js';

describe('caretExcerpt', () => {
  it('puts the caret under the position', () => {
    expect(caretExcerpt('ToLower(x)', 8)).toBe('ToLower(x)\n        ^');
  });
  it('shows only the line of a multi-line expression that holds the position', () => {
    expect(caretExcerpt('Join(" ",\n  Lower([a]))', 12)).toBe('  Lower([a]))\n  ^');
  });
  it('can point just past the end', () => {
    expect(caretExcerpt('Left("a"', 8)).toBe('Left("a"\n        ^');
  });
  it('cuts a long line to a window around the position', () => {
    const text = 'a'.repeat(200) + 'X' + 'b'.repeat(200);
    const [line, caret] = caretExcerpt(text, 200).split('\n') as [string, string];
    expect(line.length).toBeLessThanOrEqual(74);
    expect(line.startsWith('…') && line.endsWith('…')).toBe(true);
    expect(line[caret.indexOf('^')]).toBe('X');
  });
});

describe('MappingExpressionError', () => {
  it('states rule, mapping, target, field, reason and position in its message', () => {
    const error = new MappingExpressionError({
      ruleId: 'r1',
      mappingNumber: 2,
      target: 'displayName',
      field: 'expression',
      reason: 'unknown function "Lower"',
      expression: 'Lower([a])',
      position: 0,
      phase: 'compile',
    });
    expect(error.message).toBe(
      'Rule "r1", mapping #2 for "displayName", in the expression: unknown function "Lower" (at position 0)\n  Lower([a])\n  ^',
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('MappingExpressionError');
  });
  it('gains context without losing what it already knew', () => {
    const bare = new MappingExpressionError({
      reason: 'bad',
      expression: 'x',
      position: 0,
      phase: 'evaluate',
      target: 'mail',
    });
    const placed = bare.withContext({ ruleId: 'r9', target: 'other', mappingNumber: 4 });
    expect(placed).toMatchObject({
      ruleId: 'r9',
      target: 'mail',
      mappingNumber: 4,
      phase: 'evaluate',
      reason: 'bad',
    });
  });
});
