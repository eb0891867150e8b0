/**
 * Distinguished names (RFC 4514): parsing, escaping and comparison.
 *
 * DNs built from data (a naming template filled with a userName) must escape every value, or a
 * name such as `Smith, John` would create an entry in another container. DNs read from the
 * server must be compared after normalising, because each server escapes in its own way
 * (slapd writes `\2C`, Active Directory `\,`).
 */

/** One `type=value` of an RDN. `value` is unescaped text; `hex` marks a `#…` BER value kept as written. */
export interface AttributeValueAssertion {
  readonly type: string;
  readonly value: string;
  readonly hex?: boolean;
}

/** A relative DN: usually one assertion, several for multi-valued RDNs (`cn=a+uid=b`). */
export type Rdn = readonly AttributeValueAssertion[];

export class InvalidDnError extends Error {
  override readonly name = 'InvalidDnError';
  constructor(
    readonly dn: string,
    problem: string,
  ) {
    super(`"${dn}" is not a distinguished name: ${problem}.`);
  }
}

const ATTRIBUTE_TYPE = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)*)$/;
/** Characters RFC 4514 requires escaped anywhere in a value, plus `=` which it allows to escape. */
const ALWAYS_ESCAPED = new Set([',', '+', '"', '\\', '<', '>', ';', '=', '\u0000']);

const hexOf = (char: string): string =>
  [...Buffer.from(char, 'utf8')]
    .map((byte) => `\\${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');

/**
 * Escapes one attribute value for use in a DN. Specials are written as hex pairs (`\2C`), never
 * as `\,`: ldapts splits a new DN at the first comma not preceded by a backslash, which `\\,`
 * (an escaped backslash before a separator) would defeat.
 */
export function escapeDnValue(value: string): string {
  const chars = [...value];
  return chars
    .map((char, index) => {
      if (ALWAYS_ESCAPED.has(char)) return hexOf(char);
      if (index === 0 && (char === '#' || char === ' ')) return hexOf(char);
      if (index === chars.length - 1 && char === ' ') return hexOf(char);
      return char;
    })
    .join('');
}

class DnReader {
  private index = 0;
  constructor(private readonly text: string) {}

  get done(): boolean {
    return this.index >= this.text.length;
  }

  peek(): string | undefined {
    return this.text[this.index];
  }

  skipSpaces(): void {
    while (this.text[this.index] === ' ') this.index++;
  }

  next(): string {
    const codePoint = this.text.codePointAt(this.index) as number;
    const char = String.fromCodePoint(codePoint);
    this.index += char.length;
    return char;
  }

  readType(): string {
    const start = this.index;
    while (!this.done && this.peek() !== '=') {
      if (this.peek() === ',' || this.peek() === '+') this.fail('an attribute type is not followed by "="');
      this.index++;
    }
    if (this.done) this.fail('an attribute type is not followed by "="');
    const type = this.text.slice(start, this.index).trim();
    if (!ATTRIBUTE_TYPE.test(type)) this.fail(`"${type}" is not an attribute type`);
    this.index++;
    return type;
  }

  readValue(): { value: string; hex: boolean } {
    this.skipSpaces();
    if (this.peek() === '#') {
      const start = this.index;
      this.index++;
      while (!this.done && /[0-9A-Fa-f]/.test(this.peek() as string)) this.index++;
      const value = this.text.slice(start, this.index);
      this.skipSpaces();
      return { value, hex: true };
    }
    const bytes: number[] = [];
    let significant = 0; // bytes up to the last escaped or non-space character
    while (!this.done && !this.atSeparator()) {
      if (this.peek() === '\\') {
        this.index++;
        const pair = this.text.slice(this.index, this.index + 2);
        if (/^[0-9A-Fa-f]{2}$/.test(pair)) {
          bytes.push(Number.parseInt(pair, 16));
          this.index += 2;
        } else if (!this.done) {
          bytes.push(...Buffer.from(this.next(), 'utf8'));
        } else {
          this.fail('it ends with a lone backslash');
        }
        significant = bytes.length;
        continue;
      }
      const char = this.next();
      bytes.push(...Buffer.from(char, 'utf8'));
      if (char !== ' ') significant = bytes.length;
    }
    return { value: Buffer.from(bytes.slice(0, significant)).toString('utf8'), hex: false };
  }

  atSeparator(): boolean {
    const char = this.peek();
    return char === ',' || char === '+' || char === ';';
  }

  fail(problem: string): never {
    throw new InvalidDnError(this.text, problem);
  }
}

/** Parses a DN into its RDNs, first (leftmost) first. The empty DN (the root) has none. */
export function parseDn(text: string): Rdn[] {
  if (text.trim() === '') return [];
  const reader = new DnReader(text);
  const rdns: Rdn[] = [];
  let current: AttributeValueAssertion[] = [];
  for (;;) {
    reader.skipSpaces();
    const type = reader.readType();
    const { value, hex } = reader.readValue();
    current.push(hex ? { type, value, hex } : { type, value });
    if (reader.done) break;
    if (!reader.atSeparator()) reader.fail(`unexpected "${reader.peek()}" after a value`);
    const separator = reader.next();
    if (separator !== '+') {
      rdns.push(current);
      current = [];
    }
    if (reader.done) reader.fail('it ends with a separator');
  }
  rdns.push(current);
  return rdns;
}

export function formatRdn(rdn: Rdn): string {
  return rdn.map((ava) => `${ava.type}=${ava.hex ? ava.value : escapeDnValue(ava.value)}`).join('+');
}

/** Writes RDNs back as a DN in this package's escaping (hex pairs for specials). */
export function formatDn(rdns: readonly Rdn[]): string {
  return rdns.map(formatRdn).join(',');
}

/** A DN in this package's escaping, whatever escaping the input used. */
export function canonicalDn(text: string): string {
  return formatDn(parseDn(text));
}

/**
 * A comparison key: types and values lower-cased, multi-valued RDNs sorted. Naming attributes
 * (cn, uid, ou, dc, o) match case-insensitively in every directory schema we meet, so two DNs
 * with the same key name the same entry.
 */
export function dnKey(dn: string | readonly Rdn[]): string {
  const rdns = typeof dn === 'string' ? parseDn(dn) : dn;
  return rdns
    .map((rdn) =>
      rdn
        .map((ava) => `${ava.type.toLowerCase()}=${escapeDnValue(ava.value.toLowerCase())}`)
        .sort()
        .join('+'),
    )
    .join(',');
}

export function sameDn(left: string, right: string): boolean {
  return dnKey(left) === dnKey(right);
}

/** Whether `dn` is `base` or lies below it. */
export function isWithin(dn: string, base: string): boolean {
  const inner = parseDn(dn);
  const outer = parseDn(base);
  if (outer.length > inner.length) return false;
  return dnKey(inner.slice(inner.length - outer.length)) === dnKey(outer);
}

/** The DN of the container an entry lies in. */
export function parentDn(dn: string): string {
  return formatDn(parseDn(dn).slice(1));
}

/** The leftmost RDN of a DN; throws for the root. */
export function firstRdn(dn: string): Rdn {
  const [first] = parseDn(dn);
  if (!first) throw new InvalidDnError(dn, 'the root DN has no RDN');
  return first;
}
