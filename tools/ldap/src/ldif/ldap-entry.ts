/** One directory entry to add: its DN and attributes (several values as an array). */
export interface LdapEntry {
  readonly dn: string;
  readonly attributes: Readonly<Record<string, string | readonly string[]>>;
}
