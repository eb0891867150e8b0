import { SlapdToolError } from '../errors/slapd-tool-error.js';
import type { LdapEntry } from './ldap-entry.js';

/** The first RDN of a DN, with its value unescaped (RFC 4514). */
export interface FirstRdn {
  readonly attribute: string;
  readonly value: string;
}

/**
 * Splits off the first RDN of `dn`. Handles `\,`-style and `\2C`-style escapes; multi-valued
 * RDNs (`a=1+b=2`) are refused because a suffix never needs one and the base entry would be
 * ambiguous.
 */
export function parseFirstRdn(dn: string): FirstRdn {
  const equals = dn.indexOf('=');
  if (equals <= 0) throw invalidSuffix(dn, 'it has no attribute=value pair');
  const attribute = dn.slice(0, equals).trim();
  const bytes: number[] = [];
  for (let i = equals + 1; i < dn.length; i++) {
    const char = dn[i]!;
    if (char === ',') break;
    if (char === '+') throw invalidSuffix(dn, 'multi-valued RDNs (with +) are not supported');
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const hex = dn.slice(i + 1, i + 3);
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (i + 1 < dn.length) {
      bytes.push(...Buffer.from(dn[i + 1]!, 'utf8'));
      i += 1;
    } else {
      throw invalidSuffix(dn, 'it ends with a lone backslash');
    }
  }
  const value = Buffer.from(bytes).toString('utf8');
  if (value === '') throw invalidSuffix(dn, 'its first RDN has an empty value');
  return { attribute, value };
}

/**
 * The suffix entry and the two containers every test and demo expects: `ou=people` and
 * `ou=groups`. The suffix's object class follows its first RDN (dc → dcObject + organization,
 * o → organization, ou → organizationalUnit), as a directory administrator would create it.
 */
export function baseEntries(suffix: string): LdapEntry[] {
  const { attribute, value } = parseFirstRdn(suffix);
  let base: LdapEntry;
  switch (attribute.toLowerCase()) {
    case 'dc':
      base = {
        dn: suffix,
        attributes: { objectClass: ['top', 'dcObject', 'organization'], dc: value, o: value },
      };
      break;
    case 'o':
      base = { dn: suffix, attributes: { objectClass: ['top', 'organization'], o: value } };
      break;
    case 'ou':
      base = { dn: suffix, attributes: { objectClass: ['top', 'organizationalUnit'], ou: value } };
      break;
    default:
      throw invalidSuffix(suffix, `its first RDN is ${attribute}=…, but only dc=, o= and ou= are supported`);
  }
  const container = (ou: string): LdapEntry => ({
    dn: `ou=${ou},${suffix}`,
    attributes: { objectClass: ['top', 'organizationalUnit'], ou },
  });
  return [base, container('people'), container('groups')];
}

function invalidSuffix(suffix: string, why: string): SlapdToolError {
  return new SlapdToolError(
    'invalid-option',
    `The suffix "${suffix}" cannot be used: ${why}. Pass a DN such as "dc=example,dc=org".`,
  );
}
