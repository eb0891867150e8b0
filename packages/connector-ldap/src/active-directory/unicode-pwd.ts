/**
 * Active Directory sets passwords through `unicodePwd`: the password in double quotes, encoded
 * as UTF-16LE, over an encrypted connection (LDAPS or StartTLS). It can never be read back.
 */
export function encodeUnicodePwd(password: string): Buffer {
  return Buffer.from(`"${password}"`, 'utf16le');
}
