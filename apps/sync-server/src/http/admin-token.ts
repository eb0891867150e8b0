import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Checks the admin API's bearer token in constant time: both sides are hashed first, so the
 * comparison takes the same time whatever the length or content of what was sent.
 */
export function adminTokenMatches(expected: string, authorization: string | undefined): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  const presented = match?.[1]?.trim() ?? '';
  const ok = timingSafeEqual(digest(expected), digest(presented));
  return ok && presented.length > 0;
}
