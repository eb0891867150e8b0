import type { Entry } from 'ldapts';

type Value = string | Buffer;

/**
 * One search result entry with attribute names looked up without case (LDAP attribute
 * descriptions are case-insensitive, and servers spell them as their schema does: `entryUUID`,
 * `objectGUID`, `Member;Range=0-1499`).
 */
export class LdapEntry {
  private readonly byName = new Map<string, { readonly name: string; readonly values: readonly Value[] }>();

  constructor(
    readonly dn: string,
    attributes: Readonly<Record<string, Value | readonly Value[]>>,
  ) {
    for (const [name, raw] of Object.entries(attributes)) {
      const values = Array.isArray(raw) ? (raw as readonly Value[]) : [raw as Value];
      this.byName.set(name.toLowerCase(), { name, values });
    }
  }

  static fromSearch(entry: Entry): LdapEntry {
    const { dn, ...attributes } = entry;
    return new LdapEntry(dn, attributes);
  }

  /** Attribute descriptions as the server spelled them. */
  get attributeNames(): string[] {
    return [...this.byName.values()].map((attribute) => attribute.name);
  }

  has(name: string): boolean {
    return (this.byName.get(name.toLowerCase())?.values.length ?? 0) > 0;
  }

  /** Values as text; binary values are read as UTF-8. */
  texts(name: string): string[] {
    return (this.byName.get(name.toLowerCase())?.values ?? []).map((value) =>
      typeof value === 'string' ? value : value.toString('utf8'),
    );
  }

  text(name: string): string | undefined {
    return this.texts(name)[0];
  }

  /** Values as bytes (objectGUID). */
  buffers(name: string): Buffer[] {
    return (this.byName.get(name.toLowerCase())?.values ?? []).map((value) =>
      typeof value === 'string' ? Buffer.from(value, 'utf8') : value,
    );
  }
}
