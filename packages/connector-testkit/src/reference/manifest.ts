import type { ConnectorManifest } from '@idsync/core';

/**
 * The reference connector's manifest. Its config has the three kinds of field a real connector
 * has: an identifying one (`name`), a secret (`accessKey`, never logged or returned) and a
 * tuning knob with a default (`pageSize`).
 */
export const REFERENCE_MANIFEST: ConnectorManifest = {
  id: 'reference',
  version: '0.1.0',
  displayName: 'Reference (in-memory)',
  description:
    'An in-memory identity store with users, groups and a change log. For tests, demos and as the example every connector follows.',
  configFields: [
    {
      key: 'name',
      type: 'string',
      required: true,
      description: 'Name of the in-memory store; connections with the same name share one store.',
    },
    {
      key: 'accessKey',
      type: 'string',
      required: true,
      secret: true,
      description: 'The key the store accepts; a wrong key fails like bad credentials.',
    },
    {
      key: 'pageSize',
      type: 'integer',
      default: 100,
      min: 1,
      max: 1000,
      description: 'Objects per page when reading, and changes per batch.',
    },
  ],
  capabilities: {
    objectTypes: ['User', 'Group'],
    filterOperators: ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'],
    pageSize: 100,
    maxMembersPerRequest: 1000,
    softDelete: true,
  },
};
