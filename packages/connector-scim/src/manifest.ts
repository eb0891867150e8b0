import type { ConnectorManifest } from '@idsync/core';
import { SCIM_CONFIG_FIELDS } from './config-fields.js';

/**
 * The outbound SCIM client plugin. Declared capabilities are those of a generic RFC 7644
 * target; a connection's preset and discovery narrow them at run time (an AWS filter with `co`
 * is refused with `unsupported`, membership changes are re-chunked to the preset's limit).
 */
export const SCIM_MANIFEST: ConnectorManifest = {
  id: 'scim',
  version: '0.1.0',
  displayName: 'SCIM 1.1 / 2.0 (outbound)',
  description:
    'Provisions users and groups to any SCIM 1.1 or 2.0 service, with presets for AWS IAM Identity Center and Atlassian Cloud. Capabilities (PATCH, filters, ETags, page limits) are discovered from the target.',
  configFields: SCIM_CONFIG_FIELDS,
  capabilities: {
    objectTypes: ['User', 'Group'],
    filterOperators: ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'],
    pageSize: 100,
    maxMembersPerRequest: 1000,
    softDelete: true,
    maxConcurrency: 8,
  },
};
