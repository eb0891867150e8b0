import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ConnectorError } from '@idsync/core';
import { createRecordingContext } from '@idsync/connector-testkit';
import type { ScimTarget as SimulatedTarget } from '@idsync/scim-target';
import type { ScimConnector } from '../scim-connector.js';
import { openScimConnector } from '../scim-definition.js';
import { BEARER, sampleUser, startBearerTarget } from '../testing/conformance-setup.js';
import { caught } from '../testing/make-target.js';

/* What the engine sees when the target throttles, fails or drops the connection. */

let simulator: SimulatedTarget;
let awsSimulator: SimulatedTarget;
let connector: ScimConnector;

beforeAll(async () => {
  simulator = await startBearerTarget({ profile: 'rfc' });
  awsSimulator = await startBearerTarget({ profile: 'aws-identity-center' });
  connector = await openScimConnector(
    { baseUrl: simulator.baseUrl, authMethod: 'oauth-bearer', bearerToken: BEARER, patchMode: 'patch' },
    createRecordingContext(),
  );
});
beforeEach(() => {
  simulator.setFaults({});
});
afterAll(async () => {
  await connector.close();
  await Promise.all([simulator.close(), awsSimulator.close()]);
});

async function failure(call: () => Promise<unknown>): Promise<ConnectorError> {
  const error = await caught(call);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('throttling and outages', () => {
  it('429 with Retry-After is rate-limited with retryAfterMs', async () => {
    simulator.setFaults({ throttleNext: { count: 1, retryAfterSeconds: 3 } });
    const error = await failure(() => connector.create('User', sampleUser('throttled')));
    expect([error.code, error.retryAfterMs, error.retryable, error.connectionLevel]).toEqual([
      'rate-limited',
      3000,
      true,
      false,
    ]);
  });

  it('429 with an HTTP-date Retry-After is read too', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    simulator.setFaults({
      failNext: [{ count: 1, status: 429, headers: { 'retry-after': at }, body: { detail: 'slow down' } }],
    });
    const error = await failure(() => connector.get('User', 'x'));
    expect(error.code).toBe('rate-limited');
    expect(error.retryAfterMs).toBeGreaterThan(100_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('5xx is unavailable: retryable and counted against the connection', async () => {
    simulator.setFaults({ failNext: [{ count: 1, status: 502 }] });
    const error = await failure(() => connector.get('User', 'x'));
    expect([error.code, error.retryable, error.connectionLevel, error.remoteStatus]).toEqual([
      'unavailable',
      true,
      true,
      502,
    ]);
  });

  it('a reset connection is unavailable', async () => {
    simulator.setFaults({ resets: { count: 1 } });
    const error = await failure(() => connector.get('User', 'x'));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/closed or reset/);
    expect(await connector.get('User', 'x')).toBeUndefined(); // the next request gets through
  });
});

describe('error bodies of every shape keep the target’s message', () => {
  it.each([
    [
      'SCIM 2.0',
      409,
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '409',
        scimType: 'uniqueness',
        detail: 'userName is taken',
      },
      'conflict',
      'userName is taken',
    ],
    [
      'SCIM 1.1 array',
      404,
      { Errors: [{ description: 'No such user', code: '404' }] },
      'not-found',
      'No such user',
    ],
    [
      'SCIM 1.1 object',
      400,
      { Errors: { description: 'bad_email_address', code: 400 } },
      'invalid',
      'bad_email_address',
    ],
    [
      'vendor message',
      403,
      { message: 'Token lacks the admin scope' },
      'forbidden',
      'Token lacks the admin scope',
    ],
    ['412 precondition', 412, { detail: 'version mismatch' }, 'conflict', 'version mismatch'],
  ])('%s', async (_shape, status, body, code, message) => {
    simulator.setFaults({ failNext: [{ count: 1, status, body }] });
    const error = await failure(() => connector.create('User', sampleUser('shape')));
    expect([error.code, error.remoteStatus, error.remoteMessage]).toEqual([code, status, message]);
    expect(error.message).toContain(message);
  });

  it('AWS-style errors (ValidationException) are invalid with AWS’s message', async () => {
    const aws = await openScimConnector(
      {
        baseUrl: awsSimulator.baseUrl,
        authMethod: 'oauth-bearer',
        bearerToken: BEARER,
        preset: 'aws-identity-center',
        patchMode: 'patch',
      },
      createRecordingContext(),
    );
    const group = await aws.create('Group', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'AWS errors',
    });
    // A member that does not exist: AWS refuses the PATCH.
    const error = await failure(() => aws.addMembers(group.remoteId, ['no-such-user']));
    expect(error.code).toBe('invalid');
    expect(error.remoteMessage).toMatch(/no-such-user/);
    await aws.close();
  });
});
