import { ConfigError, type ConfigIssue } from '@idsync/core';
import { createCoreRegistry, type SchemaRegistry } from '@idsync/scim';
import { Secret } from './connection/secret.js';
import { canonicalDn, isWithin, parseDn } from './escape/distinguished-name.js';
import { isAttributeName } from './escape/ldap-filter.js';
import {
  DIRECTORY_PRESETS,
  type DirectoryPreset,
  type DisableMode,
  type MemberAttribute,
} from './layout/directory-preset.js';
import { buildObjectLayout, type ObjectLayout, type ReportIssue } from './layout/object-layout.js';
import {
  customExtensionSchemas,
  mergeAttributeMapEntries,
  parseAttributeMapEntry,
  type AttributeMapEntry,
} from './mapping/attribute-map.js';
import { DEFAULT_PAGE_SIZE } from './manifest.js';

export interface ConnectionSettings {
  /** Tried in order until one connects (failover). */
  readonly urls: readonly string[];
  readonly bindDn: string;
  readonly bindPassword: Secret;
  readonly startTls: boolean;
  readonly caCertificate?: string;
  readonly tlsServerName?: string;
  readonly connectTimeoutMs: number;
  readonly operationTimeoutMs: number;
}

export interface DisableSettings {
  readonly mode: DisableMode;
  readonly statusAttribute?: string;
  readonly disabledValue: string;
  readonly enabledValue?: string;
  readonly disabledContainerDn?: string;
  /** move-to-ou: create the container (an organizationalUnit) when it is missing. */
  readonly createDisabledContainer?: boolean;
}

export interface MembershipSettings {
  readonly attribute: MemberAttribute;
  /** Placeholder member for groups whose schema requires one, while they have no real member. */
  readonly emptyGroupMember?: string;
  readonly batchSize: number;
}

export interface ChangeSettings {
  readonly deleteDetection: 'auto' | 'accesslog' | 'none';
  readonly accessLogDn?: string;
  readonly overlapSeconds: number;
  readonly maxChangesPerBatch: number;
}

/** The validated, structured configuration of one LDAP connection. */
export interface LdapConfig {
  readonly connection: ConnectionSettings;
  readonly preset: DirectoryPreset;
  readonly baseDn: string;
  readonly users: ObjectLayout;
  readonly groups: ObjectLayout;
  readonly membership: MembershipSettings;
  readonly disable: DisableSettings;
  readonly changes: ChangeSettings;
  readonly pageSize: number;
  readonly moveEntries: boolean;
  /** The SCIM schemas, with the custom extensions the attribute maps use. */
  readonly registry: SchemaRegistry;
}

type Settings = Readonly<Record<string, unknown>>;

const text = (settings: Settings, key: string): string | undefined => {
  const value = settings[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};
const list = (settings: Settings, key: string): string[] | undefined => {
  const value = settings[key];
  if (typeof value === 'string')
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
};
const integer = (settings: Settings, key: string, fallback: number): number =>
  typeof settings[key] === 'number' ? (settings[key] as number) : fallback;
const flag = (settings: Settings, key: string, fallback: boolean): boolean =>
  typeof settings[key] === 'boolean' ? (settings[key] as boolean) : fallback;

function dnSetting(settings: Settings, key: string, report: ReportIssue): string | undefined {
  const value = text(settings, key);
  if (value === undefined) return undefined;
  try {
    return canonicalDn(value);
  } catch (error) {
    report(
      key,
      `${(error as Error).message}`,
      'Write a DN as in RFC 4514, e.g. ou=people,dc=example,dc=org.',
    );
    return undefined;
  }
}

function mapEntries(
  settings: Settings,
  key: string,
  preset: readonly string[],
  report: ReportIssue,
): AttributeMapEntry[] {
  const configured: AttributeMapEntry[] = [];
  for (const line of list(settings, key) ?? []) {
    try {
      configured.push(parseAttributeMapEntry(line));
    } catch (error) {
      report(key, `${(error as Error).message}.`, 'Write lines such as mail=emails[type eq "work"].value.');
    }
  }
  return mergeAttributeMapEntries(preset.map(parseAttributeMapEntry), configured);
}

function connectionSettings(settings: Settings, report: ReportIssue): ConnectionSettings {
  const urls = list(settings, 'urls') ?? [];
  for (const url of urls) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'ldap:' && parsed.protocol !== 'ldaps:') || parsed.hostname === '') {
      report('urls', `"${url}" is not an LDAP URL.`, 'Use ldap://host:389 or ldaps://host:636.');
    }
  }
  if (urls.length === 0)
    report('urls', 'lists no URL.', 'Give at least one, e.g. ldaps://ldap.example.org:636.');
  return {
    urls,
    bindDn: dnSetting(settings, 'bindDn', report) ?? '',
    bindPassword: new Secret(typeof settings['bindPassword'] === 'string' ? settings['bindPassword'] : ''),
    startTls: flag(settings, 'startTls', false),
    ...(text(settings, 'caCertificate') ? { caCertificate: text(settings, 'caCertificate') } : {}),
    ...(text(settings, 'tlsServerName') ? { tlsServerName: text(settings, 'tlsServerName') } : {}),
    connectTimeoutMs: integer(settings, 'connectTimeoutMs', 10_000),
    operationTimeoutMs: integer(settings, 'operationTimeoutMs', 60_000),
  };
}

function disableSettings(settings: Settings, preset: DirectoryPreset, report: ReportIssue): DisableSettings {
  const mode = (text(settings, 'disableMode') ?? preset.defaultDisableMode) as DisableMode;
  const statusAttribute = text(settings, 'statusAttribute');
  const disabledContainerDn = dnSetting(settings, 'disabledContainerDn', report);
  if (mode === 'status-attribute' && (statusAttribute === undefined || !isAttributeName(statusAttribute))) {
    report(
      'statusAttribute',
      'must name an attribute when disableMode is status-attribute.',
      'Set it, e.g. to shadowExpire or employeeType.',
    );
  }
  if (mode === 'move-to-ou' && disabledContainerDn === undefined) {
    report(
      'disabledContainerDn',
      'is required when disableMode is move-to-ou.',
      'Set it to the DN of the container for disabled users.',
    );
  }
  const createDisabledContainer = flag(settings, 'createDisabledContainer', false);
  if (createDisabledContainer && mode === 'move-to-ou' && disabledContainerDn !== undefined) {
    const [rdn] = parseDn(disabledContainerDn);
    if (rdn?.length !== 1 || rdn[0]!.type.toLowerCase() !== 'ou') {
      report(
        'createDisabledContainer',
        `can only create an organizationalUnit, but disabledContainerDn ${disabledContainerDn} is not named ou=….`,
        'Create the container yourself and set createDisabledContainer to false, or use an ou=… DN.',
      );
    }
  }
  if (mode === 'user-account-control' && preset.id !== 'active-directory') {
    report(
      'disableMode',
      'user-account-control exists only in Active Directory.',
      'Use status-attribute, pwd-account-locked-time or move-to-ou.',
    );
  }
  if (mode === 'pwd-account-locked-time' && preset.id === 'active-directory') {
    report(
      'disableMode',
      'pwd-account-locked-time is an OpenLDAP ppolicy attribute.',
      'Use user-account-control on Active Directory.',
    );
  }
  return {
    mode,
    ...(statusAttribute ? { statusAttribute } : {}),
    disabledValue: text(settings, 'disabledValue') ?? 'disabled',
    ...(text(settings, 'enabledValue') ? { enabledValue: text(settings, 'enabledValue') } : {}),
    ...(disabledContainerDn ? { disabledContainerDn } : {}),
    createDisabledContainer,
  };
}

function memberAttributeFor(objectClasses: readonly string[]): MemberAttribute {
  const classes = objectClasses.map((name) => name.toLowerCase());
  if (classes.includes('groupofuniquenames')) return 'uniqueMember';
  if (classes.includes('posixgroup') && !classes.includes('groupofnames')) return 'memberUid';
  return 'member';
}

/**
 * Turns the flat, already type-checked settings of a connection into the structured
 * configuration, filling in preset defaults. Every problem is reported at once, each naming
 * its key and the fix (never a secret value).
 */
export function toLdapConfig(settings: Settings): LdapConfig {
  const issues: ConfigIssue[] = [];
  const report: ReportIssue = (key, problem, fix) => issues.push({ key: `config.${key}`, problem, fix });
  const preset =
    DIRECTORY_PRESETS[(text(settings, 'preset') ?? 'openldap') as keyof typeof DIRECTORY_PRESETS] ??
    DIRECTORY_PRESETS.openldap;
  const connection = connectionSettings(settings, report);
  const baseDn = dnSetting(settings, 'baseDn', report) ?? '';
  if (text(settings, 'baseDn') === undefined)
    report('baseDn', 'is required.', 'Set it to the naming context, e.g. dc=example,dc=org.');
  const userBaseDn = dnSetting(settings, 'userBaseDn', report) ?? baseDn;
  const groupBaseDn = dnSetting(settings, 'groupBaseDn', report) ?? baseDn;
  for (const [key, dn] of [
    ['userBaseDn', userBaseDn],
    ['groupBaseDn', groupBaseDn],
  ] as const) {
    if (baseDn && !isWithin(dn, baseDn))
      report(key, `${dn} is not within baseDn ${baseDn}.`, 'Use a subtree of baseDn.');
  }
  const disable = disableSettings(settings, preset, report);
  const userEntries = mapEntries(settings, 'userAttributeMap', preset.user.attributeMap, report);
  const groupEntries = mapEntries(settings, 'groupAttributeMap', preset.group.attributeMap, report);
  const registry = createCoreRegistry({
    extensions: customExtensionSchemas({ User: userEntries, Group: groupEntries }),
  });
  const users = buildObjectLayout(
    {
      type: 'User',
      prefix: 'user',
      preset: preset.user,
      baseDn: userBaseDn,
      filter: text(settings, 'userFilter'),
      objectClasses: list(settings, 'userObjectClasses'),
      template: text(settings, 'userNamingTemplate'),
      entries: userEntries,
      registry,
      extraSearchBases:
        disable.mode === 'move-to-ou' && disable.disabledContainerDn ? [disable.disabledContainerDn] : [],
    },
    report,
  );
  const groupObjectClasses = list(settings, 'groupObjectClasses');
  const groups = buildObjectLayout(
    {
      type: 'Group',
      prefix: 'group',
      preset: preset.group,
      baseDn: groupBaseDn,
      filter: text(settings, 'groupFilter'),
      objectClasses: groupObjectClasses,
      template: text(settings, 'groupNamingTemplate'),
      entries: groupEntries,
      registry,
      extraSearchBases: [],
    },
    report,
  );
  const emptyGroupMember = dnSetting(settings, 'emptyGroupMember', report);
  const deleteDetection = (text(settings, 'deleteDetection') ?? 'auto') as ChangeSettings['deleteDetection'];
  const accessLogDn = dnSetting(settings, 'accessLogDn', report);
  if (issues.length > 0 || !users || !groups) throw new ConfigError(issues);
  return {
    connection,
    preset,
    baseDn,
    users,
    groups,
    membership: {
      attribute:
        (text(settings, 'memberAttribute') as MemberAttribute | undefined) ??
        memberAttributeFor(groupObjectClasses ?? preset.group.objectClasses),
      ...(emptyGroupMember ? { emptyGroupMember } : {}),
      batchSize: integer(settings, 'memberBatchSize', 500),
    },
    disable,
    changes: {
      deleteDetection,
      ...(accessLogDn ? { accessLogDn } : {}),
      overlapSeconds: integer(settings, 'changeOverlapSeconds', 2),
      maxChangesPerBatch: integer(settings, 'maxChangesPerBatch', 500),
    },
    pageSize: integer(settings, 'pageSize', DEFAULT_PAGE_SIZE),
    moveEntries: flag(settings, 'moveEntries', true),
    registry,
  };
}
