import { afterAll, describe, expect, it } from '@jest/globals';
import { USER_SCHEMA } from '@idsync/scim';
import { poll } from '../testing/changes.js';
import { startTestDirectory } from '../testing/test-directory.js';
import { deleteDetectionOf } from './change-token.js';

/* A slapd without the accesslog overlay: deletions cannot be read incrementally. */
const directory = await startTestDirectory({ accessLog: false });
afterAll(() => directory.stop());

describe('a server without an accesslog', () => {
  it('issues tokens that say deletions need a full reconciliation, and still reports adds', async () => {
    const connector = directory.connector();
    const doomed = await connector.create('User', { schemas: [USER_SCHEMA], userName: 'doomed' });
    const token = await connector.latestToken('User');
    expect(token.startsWith('ldap1.reconcile.')).toBe(true);
    expect(deleteDetectionOf(token)).toBe('reconcile');
    await connector.delete('User', doomed.remoteId);
    const added = await connector.create('User', { schemas: [USER_SCHEMA], userName: 'added' });
    const polled = await poll(connector, 'User', token);
    expect(polled.upserts).toEqual([added.remoteId]);
    expect(polled.deletes).toEqual([]);
    expect(deleteDetectionOf(polled.token)).toBe('reconcile');
  });

  it('fails when the configuration insists on an accesslog', async () => {
    const connector = directory.connector({ deleteDetection: 'accesslog' });
    await expect(connector.latestToken('User')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('reports no accesslog in the connection test', async () => {
    const result = await directory.connector().testConnection();
    expect(result.ok).toBe(true);
    expect(result.checks.find((check) => check.name === 'change-detection')?.detail).toMatch(
      /full reconciliation/,
    );
  });
});
