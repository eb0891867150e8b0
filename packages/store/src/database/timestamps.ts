/** timestamptz values come back as Date from both drivers; the ports speak ISO 8601 strings. */
export function toIso(value: Date): string;
export function toIso(value: Date | null): string | undefined;
export function toIso(value: Date | null): string | undefined {
  return value === null ? undefined : value.toISOString();
}
