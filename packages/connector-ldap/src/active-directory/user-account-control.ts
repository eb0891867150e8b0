/**
 * Active Directory's `userAccountControl` is a bit field. idsync touches one bit: ACCOUNTDISABLE
 * (2). Every other bit (password never expires, smart card required…) belongs to the domain's
 * administrators and is kept as it is.
 */
export const ACCOUNT_DISABLE = 0x2;
/** The flag of an ordinary user account, set on accounts idsync creates. */
export const NORMAL_ACCOUNT = 0x200;

/** Reads the attribute's decimal text; undefined when absent or not a number. */
export function parseUserAccountControl(text: string | undefined): number | undefined {
  if (text === undefined || !/^-?\d+$/.test(text.trim())) return undefined;
  // AD writes the value as a signed 32-bit decimal; keep the bits, unsigned.
  return Number(text.trim()) >>> 0;
}

export function isAccountDisabled(flags: number): boolean {
  return (flags & ACCOUNT_DISABLE) !== 0;
}

/** The flags with only the disable bit changed. */
export function withAccountDisabled(flags: number, disabled: boolean): number {
  return (disabled ? flags | ACCOUNT_DISABLE : flags & ~ACCOUNT_DISABLE) >>> 0;
}

/** The value for a new account: a normal account, disabled or not. */
export function newAccountFlags(disabled: boolean): number {
  return withAccountDisabled(NORMAL_ACCOUNT, disabled);
}
