import { ScimError } from '../errors/scim-error.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import type { ComparisonOperator } from './filter-ast.js';
import { compareInstants, parseInstant, type Instant } from './date-time-instant.js';

/** Tests one single value (one element of a multi-valued attribute) against a literal. */
export type ValueTest = (value: unknown) => boolean;

type Ordering = (comparison: number) => boolean;

/** eq ne gt ge lt le over a three-way comparison result. */
const ORDERINGS: Readonly<Record<Exclude<ComparisonOperator, 'co' | 'sw' | 'ew'>, Ordering>> = {
  eq: (c) => c === 0,
  ne: (c) => c !== 0,
  gt: (c) => c > 0,
  ge: (c) => c >= 0,
  lt: (c) => c < 0,
  le: (c) => c <= 0,
};

function isSubstringOperator(operator: ComparisonOperator): operator is 'co' | 'sw' | 'ew' {
  return operator === 'co' || operator === 'sw' || operator === 'ew';
}

function isOrderingOperator(operator: ComparisonOperator): boolean {
  return operator === 'gt' || operator === 'ge' || operator === 'lt' || operator === 'le';
}

/**
 * String comparison with the literal normalised once. Case-insensitive values are lower-cased
 * per test (the only per-value work); `gt`-family compare by UTF-16 code units, i.e.
 * lexicographically.
 */
function stringTest(operator: ComparisonOperator, literal: string, caseExact: boolean): ValueTest {
  const expected = caseExact ? literal : literal.toLowerCase();
  if (operator === 'eq') {
    return caseExact
      ? (v) => v === expected
      : (v) => typeof v === 'string' && (v === literal || v.toLowerCase() === expected);
  }
  const normalise = caseExact ? (v: string) => v : (v: string) => v.toLowerCase();
  switch (operator) {
    case 'ne':
      return (v) => typeof v === 'string' && normalise(v) !== expected;
    case 'co':
      return (v) => typeof v === 'string' && normalise(v).includes(expected);
    case 'sw':
      return (v) => typeof v === 'string' && normalise(v).startsWith(expected);
    case 'ew':
      return (v) => typeof v === 'string' && normalise(v).endsWith(expected);
    case 'gt':
      return (v) => typeof v === 'string' && normalise(v) > expected;
    case 'ge':
      return (v) => typeof v === 'string' && normalise(v) >= expected;
    case 'lt':
      return (v) => typeof v === 'string' && normalise(v) < expected;
    case 'le':
      return (v) => typeof v === 'string' && normalise(v) <= expected;
  }
}

function numberTest(operator: ComparisonOperator, literal: number): ValueTest {
  switch (operator) {
    case 'eq':
      return (v) => v === literal;
    case 'ne':
      return (v) => typeof v === 'number' && v !== literal;
    case 'gt':
      return (v) => typeof v === 'number' && v > literal;
    case 'ge':
      return (v) => typeof v === 'number' && v >= literal;
    case 'lt':
      return (v) => typeof v === 'number' && v < literal;
    case 'le':
      return (v) => typeof v === 'number' && v <= literal;
    default:
      throw ScimError.invalidFilter(`The operator ${operator} does not apply to numbers.`);
  }
}

function booleanTest(operator: ComparisonOperator, literal: boolean): ValueTest {
  return operator === 'eq' ? (v) => v === literal : (v) => v === !literal;
}

/** Values that do not read as a dateTime never match: they are not instants at all. */
function instantTest(
  operator: Exclude<ComparisonOperator, 'co' | 'sw' | 'ew'>,
  literal: Instant,
  requireTime: boolean,
): ValueTest {
  const ordering = ORDERINGS[operator];
  return (v) => {
    if (typeof v !== 'string') return false;
    const instant = parseInstant(v, requireTime);
    return instant !== undefined && ordering(compareInstants(instant, literal));
  };
}

function refuse(path: string, what: string): never {
  throw ScimError.invalidFilter(`"${path}" is ${what}.`);
}

/**
 * The test for `path op literal` where the schema defines the compared attribute. Returns
 * undefined when the literal's JSON type does not fit the attribute (`active eq "yes"`): that
 * comparison matches nothing. Throws `invalidFilter` when the operator does not apply to the
 * type (RFC 7644 §3.4.2.2: `gt`-family on boolean or binary is a 400), or when a dateTime
 * literal is not a dateTime.
 */
export function compileTypedValueTest(
  operator: ComparisonOperator,
  literal: string | number | boolean,
  definition: AttributeDefinition,
  path: string,
): ValueTest | undefined {
  switch (definition.type) {
    case 'boolean':
      if (operator !== 'eq' && operator !== 'ne')
        refuse(path, `a boolean: only eq, ne and pr apply to it, not ${operator}`);
      return typeof literal === 'boolean' ? booleanTest(operator, literal) : undefined;
    case 'binary':
      if (isOrderingOperator(operator))
        refuse(path, `binary: gt, ge, lt and le do not apply to it, not ${operator}`);
      // RFC 7643 §2.3.6: binary values are case-exact whatever the schema says.
      return typeof literal === 'string' ? stringTest(operator, literal, true) : undefined;
    case 'integer':
    case 'decimal':
      if (isSubstringOperator(operator))
        refuse(path, `a number: co, sw and ew do not apply to it, not ${operator}`);
      return typeof literal === 'number' ? numberTest(operator, literal) : undefined;
    case 'dateTime': {
      if (typeof literal !== 'string') return undefined;
      if (isSubstringOperator(operator)) return stringTest(operator, literal, false);
      const instant = parseInstant(literal);
      if (!instant)
        refuse(path, `a dateTime, and "${literal}" is not one; write it like "2011-05-13T04:42:34Z"`);
      return instantTest(operator, instant, false);
    }
    case 'string':
    case 'reference':
      return typeof literal === 'string' ? stringTest(operator, literal, definition.caseExact) : undefined;
    case 'complex':
      return undefined;
  }
}

/**
 * The test for data without a schema: the literal's JSON type decides. Strings compare
 * case-insensitively, except that when both the literal and the value are full timestamps
 * (date and time) they compare as instants; numbers numerically; booleans only with eq / ne.
 * A value of another JSON type never matches. As in the typed case, an operator that cannot
 * apply to the literal's type (`gt` with a boolean, `co` with a number) is `invalidFilter`.
 */
export function compileUntypedValueTest(
  operator: ComparisonOperator,
  literal: string | number | boolean,
  path: string,
): ValueTest {
  switch (typeof literal) {
    case 'boolean':
      if (operator !== 'eq' && operator !== 'ne')
        refuse(path, `compared with a boolean: only eq and ne apply, not ${operator}`);
      return booleanTest(operator, literal);
    case 'number':
      if (isSubstringOperator(operator))
        refuse(path, `compared with a number: co, sw and ew do not apply, not ${operator}`);
      return numberTest(operator, literal);
    default: {
      const asString = stringTest(operator, literal, false);
      const instant = isSubstringOperator(operator) ? undefined : parseInstant(literal, true);
      if (!instant) return asString;
      const ordering = ORDERINGS[operator as keyof typeof ORDERINGS];
      return (v) => {
        if (typeof v !== 'string') return false;
        const value = parseInstant(v, true);
        return value ? ordering(compareInstants(value, instant)) : asString(v);
      };
    }
  }
}
