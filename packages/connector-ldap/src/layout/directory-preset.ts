import { ENTERPRISE_USER_SCHEMA } from '@idsync/scim';

/** How an account is disabled (see `disable-strategy.ts`). */
export type DisableMode =
  'status-attribute' | 'pwd-account-locked-time' | 'move-to-ou' | 'user-account-control';

/** The attribute holding a group's members and what its values are. */
export type MemberAttribute = 'member' | 'uniqueMember' | 'memberUid';

/** The extension URN for LDAP attributes the standard SCIM schemas have no place for. */
export const LDAP_USER_EXTENSION = 'urn:idsync:params:scim:schemas:extension:ldap:2.0:User';

const ENTERPRISE = ENTERPRISE_USER_SCHEMA;

/** Defaults for one object type: what the preset searches for and how it names new entries. */
export interface ObjectTypePreset {
  readonly filter: string;
  readonly objectClasses: readonly string[];
  /** The RDN part of the naming template; the container comes from the configured base DN. */
  readonly rdnTemplate: string;
  /** `ldapAttribute=scimPath` lines. */
  readonly attributeMap: readonly string[];
  /**
   * Attributes the schema requires that a SCIM resource may lack, with the SCIM paths to take a
   * value from instead, in order (inetOrgPerson needs `cn` and `sn` even for a user who only has
   * a userName).
   */
  readonly fallbacks: Readonly<Record<string, readonly string[]>>;
}

/**
 * Everything that differs between directory servers. Two presets ship; any server that looks
 * like one of them (389 Directory Server, ApacheDS and Samba 4 mostly do) works with it.
 */
export interface DirectoryPreset {
  readonly id: 'openldap' | 'active-directory';
  /** The stable identity: survives renames and moves. */
  readonly idAttribute: 'entryUUID' | 'objectGUID';
  /** An attribute holding the entry's own DN, so many DNs can be resolved in one search. */
  readonly dnAttribute: 'entryDN' | 'distinguishedName';
  /** When the entry last changed, to whole seconds. */
  readonly timestampAttribute: 'modifyTimestamp' | 'whenChanged';
  /** A value that changes with every write, to tell two changes within one second apart. */
  readonly versionAttribute: 'entryCSN' | 'uSNChanged';
  /** Whether filters on the timestamp expect a `.0Z` fraction. */
  readonly timestampFraction: boolean;
  readonly passwordAttribute: 'userPassword' | 'unicodePwd';
  readonly defaultDisableMode: DisableMode;
  /** Whether member lists can come in ranges (`member;range=0-1499`). */
  readonly rangedValues: boolean;
  readonly user: ObjectTypePreset;
  readonly group: ObjectTypePreset & { readonly memberAttribute: MemberAttribute };
}

export const OPENLDAP_PRESET: DirectoryPreset = {
  id: 'openldap',
  idAttribute: 'entryUUID',
  dnAttribute: 'entryDN',
  timestampAttribute: 'modifyTimestamp',
  versionAttribute: 'entryCSN',
  timestampFraction: false,
  passwordAttribute: 'userPassword',
  defaultDisableMode: 'pwd-account-locked-time',
  rangedValues: false,
  user: {
    filter: '(objectClass=inetOrgPerson)',
    objectClasses: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
    rdnTemplate: 'uid={userName}',
    attributeMap: [
      'uid=userName',
      'displayName=displayName',
      'cn=name.formatted',
      'givenName=name.givenName',
      'sn=name.familyName',
      'mail=emails[type eq "work"].value',
      'telephoneNumber=phoneNumbers[type eq "work"].value',
      'mobile=phoneNumbers[type eq "mobile"].value',
      'title=title',
      'preferredLanguage=preferredLanguage',
      'employeeType=userType',
      `employeeNumber=${ENTERPRISE}:employeeNumber`,
      `departmentNumber=${ENTERPRISE}:department`,
      `o=${ENTERPRISE}:organization`,
    ],
    fallbacks: { cn: ['name.formatted', 'displayName', 'userName'], sn: ['name.familyName', 'userName'] },
  },
  group: {
    filter: '(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup))',
    objectClasses: ['top', 'groupOfNames'],
    rdnTemplate: 'cn={displayName}',
    attributeMap: ['cn=displayName'],
    fallbacks: {},
    memberAttribute: 'member',
  },
};

export const ACTIVE_DIRECTORY_PRESET: DirectoryPreset = {
  id: 'active-directory',
  idAttribute: 'objectGUID',
  dnAttribute: 'distinguishedName',
  timestampAttribute: 'whenChanged',
  versionAttribute: 'uSNChanged',
  timestampFraction: true,
  passwordAttribute: 'unicodePwd',
  defaultDisableMode: 'user-account-control',
  rangedValues: true,
  user: {
    // Computer accounts are users too in AD; leave them out.
    filter: '(&(objectCategory=person)(objectClass=user))',
    objectClasses: ['top', 'person', 'organizationalPerson', 'user'],
    // cn is single-valued in AD and always equals the RDN, so it is not mapped separately.
    rdnTemplate: 'CN={userName}',
    attributeMap: [
      'sAMAccountName=userName',
      `userPrincipalName=${LDAP_USER_EXTENSION}:userPrincipalName`,
      'displayName=displayName',
      'givenName=name.givenName',
      'sn=name.familyName',
      'mail=emails[type eq "work"].value',
      'telephoneNumber=phoneNumbers[type eq "work"].value',
      'mobile=phoneNumbers[type eq "mobile"].value',
      'title=title',
      `employeeNumber=${ENTERPRISE}:employeeNumber`,
      `department=${ENTERPRISE}:department`,
      `company=${ENTERPRISE}:organization`,
    ],
    fallbacks: {},
  },
  group: {
    filter: '(objectClass=group)',
    objectClasses: ['top', 'group'],
    rdnTemplate: 'CN={displayName}',
    attributeMap: ['sAMAccountName=displayName'],
    fallbacks: {},
    memberAttribute: 'member',
  },
};

export const DIRECTORY_PRESETS = {
  openldap: OPENLDAP_PRESET,
  'active-directory': ACTIVE_DIRECTORY_PRESET,
} as const;
