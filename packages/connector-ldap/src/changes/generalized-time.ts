/**
 * LDAP generalized time (RFC 4517 §3.3.13) as the change detection needs it: to whole seconds.
 * `modifyTimestamp` (OpenLDAP) and `whenChanged` (Active Directory) carry whole seconds anyway;
 * `entryCSN`, `contextCSN` and accesslog `reqStart` values start with one, followed by a
 * fraction that this package never compares across attributes (slapd's fractions differ
 * between entryCSN and reqStart for the same write).
 */

const PATTERN = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,]\d+)?Z(?:#.*)?$/;

/** Seconds since the epoch, or undefined when the text is not a UTC generalized time (or a CSN). */
export function parseGeneralizedTime(text: string): number | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Date.UTC(year, month - 1, day, hour, minute, second);
  return Number.isNaN(millis) ? undefined : Math.floor(millis / 1000);
}

/**
 * Formats epoch seconds as `YYYYMMDDHHMMSSZ`, or with a `.0Z` fraction for servers whose
 * filters expect one (Active Directory documents `whenChanged>=20240101000000.0Z`).
 */
export function formatGeneralizedTime(seconds: number, withFraction = false): string {
  const iso = new Date(seconds * 1000).toISOString(); // 2024-01-02T03:04:05.000Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  return withFraction ? `${digits}.0Z` : `${digits}Z`;
}
