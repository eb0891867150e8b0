import { access } from 'node:fs/promises';
import { join } from 'node:path';

import { SlapdToolError } from '../errors/slapd-tool-error.js';

/** Where the installed OpenLDAP keeps its loadable modules and schema files. */
export interface SlapdLayout {
  readonly modulePath: string;
  readonly schemaPath: string;
}

/** Debian first (the supported platform), then the usual places on other distributions. */
const MODULE_FOLDERS = ['/usr/lib/ldap', '/usr/lib64/openldap', '/usr/lib/openldap', '/usr/libexec/openldap'];
const SCHEMA_FOLDERS = ['/etc/ldap/schema', '/etc/openldap/schema', '/usr/local/etc/openldap/schema'];

/** Finds the module and schema folders by looking for back_mdb and core.schema. */
export async function findSlapdLayout(): Promise<SlapdLayout> {
  const modulePath = await firstFolderWith(MODULE_FOLDERS, 'back_mdb.la');
  const schemaPath = await firstFolderWith(SCHEMA_FOLDERS, 'core.schema');
  if (!modulePath || !schemaPath) {
    throw new SlapdToolError(
      'start-failed',
      `Could not find OpenLDAP's ${modulePath ? 'schema folder (core.schema)' : 'module folder (back_mdb.la)'} ` +
        `in ${(modulePath ? SCHEMA_FOLDERS : MODULE_FOLDERS).join(', ')}. ` +
        "Install Debian's slapd package (`apt-get install slapd ldap-utils`).",
    );
  }
  return { modulePath, schemaPath };
}

async function firstFolderWith(folders: readonly string[], file: string): Promise<string | undefined> {
  for (const folder of folders) {
    try {
      await access(join(folder, file));
      return folder;
    } catch {
      // Not this one.
    }
  }
  return undefined;
}
