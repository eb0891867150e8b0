import type { LdapEntry } from './ldap-entry.js';

/**
 * RFC 2849 SAFE-STRING: ASCII without NUL, LF or CR, not starting with space, ':' or '<'. We also
 * treat a trailing space as unsafe, since LDIF readers may trim it. Anything unsafe is written
 * base64-encoded with `::`, which round-trips any UTF-8 value exactly.
 */
function isSafeString(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x00 || code === 0x0a || code === 0x0d || code > 0x7f) return false;
  }
  return !/^[ :<]/.test(value) && !value.endsWith(' ');
}

/** An attribute description: a name or OID with options (`cn;lang-de`). */
const ATTRIBUTE_DESCRIPTION = /^[A-Za-z0-9][A-Za-z0-9.;-]*$/;

/** One `name: value` or `name:: base64` line. */
export function ldifLine(name: string, value: string): string {
  if (!ATTRIBUTE_DESCRIPTION.test(name)) {
    throw new TypeError(
      `"${name}" is not an LDAP attribute name; use letters, digits, '-' and options after ';'.`,
    );
  }
  return isSafeString(value)
    ? `${name}: ${value}`
    : `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}

/**
 * Writes entries as LDIF content records for `ldapadd`. Entries are added through the server
 * (not with slapadd) so that memberof, refint and accesslog see them as they would see any write.
 */
export function entriesToLdif(entries: readonly LdapEntry[]): string {
  return entries
    .map((entry) => {
      const lines = [ldifLine('dn', entry.dn)];
      for (const [name, values] of Object.entries(entry.attributes)) {
        for (const value of typeof values === 'string' ? [values] : values) lines.push(ldifLine(name, value));
      }
      return `${lines.join('\n')}\n`;
    })
    .join('\n');
}
