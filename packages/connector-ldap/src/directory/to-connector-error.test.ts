import { describe, expect, it } from '@jest/globals';
import { ConnectorError } from '@idsync/core';
import { ScimError } from '@idsync/scim';
import {
  AlreadyExistsError,
  BusyError,
  ConstraintViolationError,
  InsufficientAccessError,
  InvalidCredentialsError,
  InvalidSyntaxError,
  NoSuchObjectError,
  ObjectClassViolationError,
  TimeLimitExceededError,
  UnavailableError,
} from 'ldapts';
import { ConnectionFailure, NoServerAvailable } from '../connection/connection-failure.js';
import { toConnectorError } from './to-connector-error.js';

describe('toConnectorError', () => {
  it.each([
    [new NoSuchObjectError('no such entry'), 'not-found', 32],
    [new AlreadyExistsError('entry exists'), 'conflict', 68],
    [new InvalidCredentialsError(''), 'unauthorized', 49],
    [new InsufficientAccessError('no write access to parent'), 'forbidden', 50],
    [new BusyError('busy'), 'unavailable', 51],
    [new UnavailableError('unavailable'), 'unavailable', 52],
    [new TimeLimitExceededError('time limit'), 'timeout', 3],
    [new ConstraintViolationError('constraint'), 'invalid', 19],
    [new InvalidSyntaxError('bad syntax'), 'invalid', 21],
    [new ObjectClassViolationError('missing sn'), 'invalid', 65],
  ])('maps %p to %s with the server’s words', (error, code, status) => {
    const mapped = toConnectorError(error, 'create User "ada"') as ConnectorError;
    expect(mapped).toBeInstanceOf(ConnectorError);
    expect(mapped).toMatchObject({ code, remoteStatus: status });
    expect(mapped.message).toMatch(/^create User "ada": the server answered/);
    expect(mapped.cause).toBe(error);
  });

  it('keeps the server’s diagnostic message', () => {
    const mapped = toConnectorError(
      new ObjectClassViolationError("object class 'inetOrgPerson' requires attribute 'sn'"),
      'add',
    ) as ConnectorError;
    expect(mapped.remoteMessage).toBe("object class 'inetOrgPerson' requires attribute 'sn'");
    expect(mapped.message).toContain("requires attribute 'sn'");
  });

  it('treats a lost connection and a timeout as retryable', () => {
    expect(
      toConnectorError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'read'),
    ).toMatchObject({ code: 'unavailable', retryable: true });
    expect(toConnectorError(new Error('SearchRequest: Operation timed out'), 'read')).toMatchObject({
      code: 'timeout',
      retryable: true,
    });
  });

  it('maps a refused bind on every server to unauthorized, and unreachable servers to unavailable', () => {
    const bind = new NoServerAvailable([
      new ConnectionFailure('ldap://a', 'bind', 'invalidCredentials', false, {
        cause: new InvalidCredentialsError(''),
      }),
    ]);
    expect(toConnectorError(bind, 'read')).toMatchObject({ code: 'unauthorized', connectionLevel: true });
    const down = new NoServerAvailable([
      new ConnectionFailure('ldap://a', 'connect', 'ECONNREFUSED', false),
      new ConnectionFailure('ldap://b', 'connect', 'no answer', true),
    ]);
    expect(toConnectorError(down, 'read')).toMatchObject({ code: 'unavailable' });
    const slow = new NoServerAvailable([
      new ConnectionFailure('ldap://a', 'connect', 'no answer within 10 ms', true),
    ]);
    expect(toConnectorError(slow, 'read')).toMatchObject({ code: 'timeout' });
  });

  it('turns SCIM validation errors into invalid and leaves bugs alone', () => {
    expect(toConnectorError(ScimError.invalidValue('userName is required.'), 'create')).toMatchObject({
      code: 'invalid',
    });
    const bug = new TypeError('x is undefined');
    expect(toConnectorError(bug, 'create')).toBe(bug);
    const already = new ConnectorError('conflict', 'x');
    expect(toConnectorError(already, 'create')).toBe(already);
  });
});
