import type { ConfigField, ConnectorManifest } from '@idsync/core';

/** Objects per page when reading; the manifest's page size is the ceiling the engine may ask for. */
export const DEFAULT_PAGE_SIZE = 500;
export const MAX_PAGE_SIZE = 1000;

const CONNECTION_FIELDS: readonly ConfigField[] = [
  {
    key: 'urls',
    type: 'string-list',
    required: true,
    description:
      'LDAP URLs, tried in order until one answers (failover): ldap://host:389 or ldaps://host:636.',
  },
  {
    key: 'bindDn',
    type: 'string',
    required: true,
    description: 'The DN idsync binds as, e.g. cn=idsync,ou=services,dc=example,dc=org.',
  },
  {
    key: 'bindPassword',
    type: 'string',
    required: true,
    secret: true,
    description: 'The password of bindDn.',
  },
  {
    key: 'startTls',
    type: 'boolean',
    default: false,
    description: 'Upgrade ldap:// connections with StartTLS before binding (ignored for ldaps:// URLs).',
  },
  {
    key: 'caCertificate',
    type: 'string',
    description:
      'PEM text of the CA certificate(s) that signed the server certificate. Without it the system CAs are used.',
  },
  {
    key: 'tlsServerName',
    type: 'string',
    description: 'The host name the server certificate must carry, when it differs from the host of the URL.',
  },
  {
    key: 'connectTimeoutMs',
    type: 'integer',
    default: 10000,
    min: 100,
    max: 300000,
    description: 'Time allowed for the TCP connection and the TLS handshake.',
  },
  {
    key: 'operationTimeoutMs',
    type: 'integer',
    default: 60000,
    min: 100,
    max: 3600000,
    description: 'Time allowed for one LDAP request (one page of a search).',
  },
];

const LAYOUT_FIELDS: readonly ConfigField[] = [
  {
    key: 'preset',
    type: 'enum',
    values: ['openldap', 'active-directory'],
    default: 'openldap',
    description: 'Directory defaults: object classes, identity attribute, attribute map, disable method.',
  },
  {
    key: 'baseDn',
    type: 'string',
    required: true,
    description: 'The naming context idsync works in, e.g. dc=example,dc=org.',
  },
  {
    key: 'userBaseDn',
    type: 'string',
    description: 'Where users are searched and created. Default: baseDn.',
  },
  {
    key: 'userFilter',
    type: 'string',
    description: 'LDAP filter selecting users. Default from the preset, e.g. (objectClass=inetOrgPerson).',
  },
  {
    key: 'userObjectClasses',
    type: 'string-list',
    description: 'Object classes of new users. Default from the preset.',
  },
  {
    key: 'userNamingTemplate',
    type: 'string',
    description:
      'DN of new users with {scimPath} placeholders, e.g. uid={userName},ou=people,dc=example,dc=org. Default: the preset RDN under userBaseDn.',
  },
  {
    key: 'userAttributeMap',
    type: 'string-list',
    description:
      'ldapAttribute=scimPath lines that replace or extend the preset map; ldapAttribute= removes one.',
  },
  {
    key: 'groupBaseDn',
    type: 'string',
    description: 'Where groups are searched and created. Default: baseDn.',
  },
  {
    key: 'groupFilter',
    type: 'string',
    description: 'LDAP filter selecting groups. Default from the preset.',
  },
  {
    key: 'groupObjectClasses',
    type: 'string-list',
    description: 'Object classes of new groups. Default from the preset (groupOfNames on OpenLDAP).',
  },
  {
    key: 'groupNamingTemplate',
    type: 'string',
    description:
      'DN of new groups, e.g. cn={displayName},ou=groups,dc=example,dc=org. Default: the preset RDN under groupBaseDn.',
  },
  {
    key: 'groupAttributeMap',
    type: 'string-list',
    description: 'ldapAttribute=scimPath lines for groups, as userAttributeMap.',
  },
  {
    key: 'memberAttribute',
    type: 'enum',
    values: ['member', 'uniqueMember', 'memberUid'],
    description:
      'Attribute holding group members. Default: from groupObjectClasses (groupOfUniqueNames → uniqueMember, posixGroup → memberUid, else member).',
  },
  {
    key: 'emptyGroupMember',
    type: 'string',
    description:
      'A placeholder member DN for groups whose schema requires a member (groupOfNames), used while a group has no real member.',
  },
  {
    key: 'memberBatchSize',
    type: 'integer',
    default: 500,
    min: 1,
    max: 5000,
    description: 'Member values changed per LDAP modify request.',
  },
  {
    key: 'pageSize',
    type: 'integer',
    default: DEFAULT_PAGE_SIZE,
    min: 1,
    max: MAX_PAGE_SIZE,
    description: 'Entries per page of a paged search (RFC 2696).',
  },
];

const BEHAVIOUR_FIELDS: readonly ConfigField[] = [
  {
    key: 'moveEntries',
    type: 'boolean',
    default: true,
    description:
      'Move an entry when the container of its naming template changes. When false, entries are only renamed in place.',
  },
  {
    key: 'disableMode',
    type: 'enum',
    values: ['status-attribute', 'pwd-account-locked-time', 'move-to-ou', 'user-account-control'],
    description:
      'How disable works. Default: pwd-account-locked-time on OpenLDAP (needs the ppolicy overlay), user-account-control on Active Directory.',
  },
  {
    key: 'statusAttribute',
    type: 'string',
    description: 'For disableMode status-attribute: the attribute to set, e.g. shadowExpire or employeeType.',
  },
  {
    key: 'disabledValue',
    type: 'string',
    default: 'disabled',
    description: 'For status-attribute: the value meaning "disabled".',
  },
  {
    key: 'enabledValue',
    type: 'string',
    description:
      'For status-attribute: the value meaning "enabled". Without it, enabling removes the attribute.',
  },
  {
    key: 'disabledContainerDn',
    type: 'string',
    description: 'For disableMode move-to-ou: the container disabled users are moved to.',
  },
  {
    key: 'createDisabledContainer',
    type: 'boolean',
    default: false,
    description:
      'For disableMode move-to-ou: create disabledContainerDn (an organizationalUnit) when the first user is disabled and it does not exist yet.',
  },
  {
    key: 'deleteDetection',
    type: 'enum',
    values: ['auto', 'accesslog', 'none'],
    default: 'auto',
    description:
      'How incremental sync sees deletes: accesslog reads cn=accesslog; none leaves them to full reconciliation; auto uses the accesslog when the server announces one.',
  },
  {
    key: 'accessLogDn',
    type: 'string',
    description:
      'The accesslog database suffix. Default: the auditContext the server announces, else cn=accesslog.',
  },
  {
    key: 'changeOverlapSeconds',
    type: 'integer',
    default: 2,
    min: 1,
    max: 3600,
    description:
      'How far each incremental poll looks back before its watermark, to catch writes still in flight (raise it for replicated servers).',
  },
  {
    key: 'maxChangesPerBatch',
    type: 'integer',
    default: 500,
    min: 1,
    max: 10000,
    description: 'Changed entries per incremental batch.',
  },
];

/**
 * The LDAP connector's manifest. Config fields are flat (the connection form is one level);
 * `config.ts` turns them into the structured configuration the connector works with.
 */
export const LDAP_MANIFEST: ConnectorManifest = {
  id: 'ldap',
  version: '0.1.0',
  displayName: 'LDAP (OpenLDAP, Active Directory)',
  description:
    'Users and groups in an LDAP directory: paged reads, stable identity by entryUUID or objectGUID, incremental changes by timestamp polling and the accesslog, and writes with renames, moves and batched membership.',
  configFields: [...CONNECTION_FIELDS, ...LAYOUT_FIELDS, ...BEHAVIOUR_FIELDS],
  capabilities: {
    objectTypes: ['User', 'Group'],
    filterOperators: ['eq', 'ne', 'co', 'sw', 'ew'],
    pageSize: MAX_PAGE_SIZE,
    maxMembersPerRequest: 5000,
    softDelete: true,
    maxConcurrency: 4,
  },
};
