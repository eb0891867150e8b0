import { createHash, randomBytes } from 'node:crypto';

/** 24 random URL-safe characters: strong, and safe to paste into a shell or a config file. */
export function generateAdminPassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The password as an `{SSHA}` hash (salted SHA-1, which slapd verifies natively), so that
 * slapd.conf — which sits in a temp folder for the instance's lifetime — never holds it in clear.
 */
export function sshaHash(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}
