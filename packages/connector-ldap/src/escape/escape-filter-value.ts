/**
 * RFC 4515 §3: inside an LDAP filter's assertion value, `*`, `(`, `)`, `\` and NUL must be
 * written as a backslash and two hex digits. Everything else (also non-ASCII text) may stay as
 * UTF-8, which keeps values readable in logs and is what ldapts' filter parser expects: it
 * turns each `\XX` back into one character, so escaping multi-byte characters byte by byte
 * would corrupt them.
 */
const SPECIAL = new Set(['*', '(', ')', '\\', '\u0000']);

export function escapeFilterValue(value: string): string {
  let escaped = '';
  for (const char of value)
    escaped += SPECIAL.has(char) ? `\\${char.charCodeAt(0).toString(16).padStart(2, '0')}` : char;
  return escaped;
}

/**
 * RFC 4515 for a binary assertion value (AD's objectGUID): every byte as a backslash and two
 * hex digits, so the text holds no raw bytes at all. `toWireFilter` turns such values back
 * into bytes for the attributes the request declares binary.
 */
export function escapeBinaryFilterValue(bytes: Uint8Array): string {
  let escaped = '';
  for (const byte of bytes) escaped += `\\${byte.toString(16).padStart(2, '0')}`;
  return escaped;
}
