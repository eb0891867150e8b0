import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimResource } from '@idsync/scim';
import { compileExpression, type CompileExpressionOptions } from './compile-expression.js';
import { MappingExpressionError } from './mapping-expression-error.js';

function user(attributes: Record<string, unknown> = {}): ScimResource {
  return { schemas: [USER_SCHEMA], ...attributes } as ScimResource;
}

function evaluate(
  text: string,
  attributes: Record<string, unknown> = {},
  options?: CompileExpressionOptions,
) {
  return compileExpression(text, options).evaluate(user(attributes));
}

function errorOf(action: () => unknown): MappingExpressionError {
  try {
    action();
  } catch (error) {
    if (error instanceof MappingExpressionError) return error;
    throw error;
  }
  throw new Error('expected a MappingExpressionError');
}

describe('literals and calls', () => {
  it('reads strings with escaped quotes and backslashes', () => {
    expect(evaluate('"Company: \\"Contoso\\" \\\\ HQ"')).toBe('Company: "Contoso" \\ HQ');
    expect(evaluate('Join("\\n", "a", "b")')).toBe('a\nb');
  });
  it('reads numbers and the keywords true, false and null in any case', () => {
    expect(evaluate('-12.5')).toBe(-12.5);
    expect([evaluate('TRUE'), evaluate('false'), evaluate('Null')]).toEqual([true, false, null]);
  });
  it('matches function names without regard to case', () => {
    expect(evaluate('tolower("A")')).toBe('a');
    expect(evaluate('TOLOWER("A")')).toBe('a');
  });
  it('nests calls', () => {
    const text =
      'Join("@", ToLower(Join(".", Left([name.givenName], 1), NormalizeDiacritics([name.familyName]))), "example.org")';
    expect(evaluate(text, { name: { givenName: 'Zoë', familyName: 'Nørgaard' } })).toBe(
      'z.norgaard@example.org',
    );
  });
  it('lists the attributes an expression reads, in canonical form', () => {
    const compiled = compileExpression('Coalesce([EMAILS[type eq "work"].value], [department], [userName])');
    expect(compiled.references).toEqual([
      'emails[type eq "work"].value',
      `${ENTERPRISE_USER_SCHEMA}:department`,
      'userName',
    ]);
  });
});

describe('attribute references', () => {
  it('match attribute names without regard to case, in the path and in the data', () => {
    expect(evaluate('[USERNAME]', { userName: 'a' })).toBe('a');
    expect(evaluate('[userName]', { UserName: 'b' })).toBe('b');
  });
  it('read sub-attributes and pluck them from multi-valued attributes', () => {
    expect(evaluate('[name.givenName]', { name: { givenName: 'Barbara' } })).toBe('Barbara');
    expect(evaluate('[emails.value]', { emails: [{ value: 'a@x' }, { value: 'b@x' }] })).toEqual([
      'a@x',
      'b@x',
    ]);
  });
  it('select an element with a value filter, preferring the primary one among matches', () => {
    const emails = [
      { type: 'home', value: 'home@x' },
      { type: 'Work', value: 'first-work@x' },
      { type: 'work', value: 'primary-work@x', primary: true },
    ];
    expect(evaluate('[emails[type eq "work"].value]', { emails })).toBe('primary-work@x');
    expect(evaluate('[emails[type eq "home"].value]', { emails })).toBe('home@x');
    expect(evaluate('[emails[type eq "other"].value]', { emails })).toBeNull();
  });
  it('read extension attributes, URN-qualified or by their plain name', () => {
    const source = { [ENTERPRISE_USER_SCHEMA]: { department: 'R&D', manager: { value: 'm-1' } } };
    expect(evaluate(`[${ENTERPRISE_USER_SCHEMA}:department]`, source)).toBe('R&D');
    expect(evaluate('[department]', source)).toBe('R&D');
    expect(evaluate(`[${ENTERPRISE_USER_SCHEMA}:manager.value]`, source)).toBe('m-1');
  });
  it('read attributes of a custom extension schema the registry does not know', () => {
    const urn = 'urn:acme:params:scim:schemas:extension:acme:2.0:User';
    expect(evaluate(`[${urn}:costCenter]`, { [urn]: { costCenter: 'CC-7' } })).toBe('CC-7');
  });
  it('allow "]" inside a quoted filter value', () => {
    expect(evaluate('[emails[type eq "a]b"].value]', { emails: [{ type: 'a]b', value: 'v' }] })).toBe('v');
  });
  it('read absent attributes and empty multi-valued attributes as null', () => {
    expect(evaluate('[title]')).toBeNull();
    expect(evaluate('[emails.value]', { emails: [] })).toBeNull();
  });
  it('refuse a complex value at evaluation, naming sub-attributes to use instead', () => {
    const error = errorOf(() => evaluate('ToLower([name])', { name: { givenName: 'x' } }));
    expect(error.phase).toBe('evaluate');
    expect(error.position).toBe(9);
    expect(error.reason).toMatch(/\[name\] is complex.*givenName/);
  });
  it('refuse a value path without a sub-attribute at compile time', () => {
    expect(errorOf(() => compileExpression('[emails[type eq "work"]]')).reason).toMatch(
      /e\.g\. \[emails\[type eq "work"\]\.value\]/,
    );
  });
});

describe('safety', () => {
  it('never parses source values: quotes, brackets and calls in data stay data', () => {
    const hostile = 'x") , [password], ToUpper("y';
    expect(evaluate('ToLower([userName])', { userName: hostile, password: 'SECRET' })).toBe(
      hostile.toLowerCase(),
    );
    expect(
      evaluate('Join("|", [userName], "[password]")', { userName: '[password]', password: 'SECRET' }),
    ).toBe('[password]|[password]');
  });
  it('cannot reach the prototype chain through attribute names', () => {
    const unchecked = { registry: null } as const;
    expect(evaluate('[constructor]', {}, unchecked)).toBeNull();
    expect(evaluate('[toString]', {}, unchecked)).toBeNull();
    expect(evaluate('[name.constructor]', { name: {} }, unchecked)).toBeNull();
    expect(errorOf(() => compileExpression('[__proto__]', unchecked)).reason).toMatch(
      /not an attribute path/,
    );
  });
  it('reads an own "__proto__"-like key only through a valid name, never the prototype', () => {
    const source = JSON.parse('{"schemas":[],"__proto__":{"polluted":"yes"},"title":"ok"}') as ScimResource;
    expect(compileExpression('[polluted]', { registry: null }).evaluate(source)).toBeNull();
    expect(compileExpression('[title]').evaluate(source)).toBe('ok');
  });
  it('refuses text longer than the limit before parsing it', () => {
    expect(errorOf(() => compileExpression(`"${'a'.repeat(9000)}"`)).reason).toMatch(/limit is 8192/);
  });
  it('refuses calls nested deeper than 32 levels and accepts 32', () => {
    const nest = (depth: number) => 'Trim('.repeat(depth) + '"x"' + ')'.repeat(depth);
    expect(compileExpression(nest(32)).evaluate(user())).toBe('x');
    const error = errorOf(() => compileExpression(nest(33)));
    expect(error.reason).toMatch(/nested more than 32 levels/);
    expect(error.position).toBe(32 * 5);
  });
  it('refuses more than 256 arguments in one call', () => {
    const args = Array.from({ length: 257 }, () => '"a"').join(',');
    expect(errorOf(() => compileExpression(`Join("",${args})`)).reason).toMatch(/more than 256 arguments/);
  });
});

describe('errors', () => {
  it('name an unknown function, its position, and the close names', () => {
    const error = errorOf(() => compileExpression('Join(" ", Lower([userName]))'));
    expect(error.position).toBe(10);
    expect(error.reason).toMatch(/unknown function "Lower"\. Did you mean ToLower\?/);
    expect(error.excerpt).toBe('Join(" ", Lower([userName]))\n          ^');
  });
  it('show the signature when the argument count is wrong', () => {
    expect(errorOf(() => compileExpression('Mid([userName], 1)')).reason).toBe(
      'Mid takes 3 arguments, got 2: Mid(source, start, length)',
    );
    expect(errorOf(() => compileExpression('Join(",")')).reason).toMatch(
      /Join takes at least 2 arguments, got 1/,
    );
  });
  it('explain bare words, single "=", single quotes and unclosed text', () => {
    expect(errorOf(() => compileExpression('ToLower(userName)')).reason).toMatch(
      /square brackets \(\[userName\]\)/,
    );
    expect(errorOf(() => compileExpression('IIF([a] = "b", 1, 2)')).reason).toMatch(/compare with ==/);
    expect(errorOf(() => compileExpression("ToLower('a')")).reason).toMatch(/double quotes/);
    const unclosed = errorOf(() => compileExpression('Append([userName], "@x)'));
    expect([unclosed.position, unclosed.reason]).toEqual([19, expect.stringMatching(/string is not closed/)]);
    expect(errorOf(() => compileExpression('ToLower([userName)')).reason).toMatch(/not closed; add "\]"/);
  });
  it('refuse an empty expression, trailing text and chained comparisons', () => {
    expect(errorOf(() => compileExpression('  ')).reason).toMatch(/expression is empty/);
    expect(errorOf(() => compileExpression('ToLower("a") "b"')).position).toBe(13);
    expect(errorOf(() => compileExpression('1 == 1 == 1')).reason).toMatch(/comparisons do not chain/);
  });
  it('point into the path of an invalid reference', () => {
    const error = errorOf(() => compileExpression('ToLower([emails[type co "x"].value])'));
    expect(error.position).toBe(21);
    expect(error.reason).toMatch(/supports only "eq"/);
  });
  it('carry the rule id and target given at compile time, also for evaluation errors', () => {
    const compiled = compileExpression('Left([userName], [nickName])', {
      ruleId: 'hr-in',
      target: 'displayName',
    });
    const error = errorOf(() => compiled.evaluate(user({ userName: 'abc', nickName: 'x' })));
    expect(error).toMatchObject({ ruleId: 'hr-in', target: 'displayName', phase: 'evaluate', position: 17 });
    expect(error.message).toMatch(
      /^Rule "hr-in" for "displayName", in the expression: Left: count must be a whole number/,
    );
  });
});

describe('robustness', () => {
  it('property: any text either compiles or fails with a MappingExpressionError', () => {
    const pieces = fc.constantFrom(
      'Join(',
      'ToLower(',
      'IIF(',
      ')',
      '(',
      ',',
      '"a"',
      '"\\"',
      '[userName]',
      '[emails[type eq "w"].value]',
      '[',
      ']',
      '==',
      '=',
      '1',
      'null',
      ' ',
      'x',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.array(pieces, { maxLength: 20 }).map((parts) => parts.join('')),
        ),
        (text) => {
          try {
            compileExpression(text);
          } catch (error) {
            expect(error).toBeInstanceOf(MappingExpressionError);
            const { position } = error as MappingExpressionError;
            expect(position >= 0 && position <= text.length).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('compile once, evaluate many times', () => {
  it('gives each object its own result', () => {
    const compiled = compileExpression('ToLower(Join(".", [name.givenName], [name.familyName]))');
    const results = Array.from({ length: 10_000 }, (_, index) =>
      compiled.evaluate(user({ name: { givenName: `Given${index}`, familyName: 'Family' } })),
    );
    expect(results[0]).toBe('given0.family');
    expect(results[9_999]).toBe('given9999.family');
    expect(new Set(results).size).toBe(10_000);
  });
});
