import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/**
 * Folders searched after PATH. slapd lives in /usr/sbin on Debian, which is not on the PATH of
 * an ordinary user (nor of some CI shells), so a PATH-only lookup would wrongly report it missing.
 */
const SYSTEM_FOLDERS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/sbin', '/usr/local/bin'];

/** The absolute path of an executable named `name`, or undefined when none is found. */
export async function findExecutable(
  name: string,
  searchPath: string = process.env['PATH'] ?? '',
): Promise<string | undefined> {
  const folders = [...searchPath.split(delimiter).filter((folder) => folder !== ''), ...SYSTEM_FOLDERS];
  for (const folder of new Set(folders)) {
    const candidate = join(folder, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next folder.
    }
  }
  return undefined;
}
