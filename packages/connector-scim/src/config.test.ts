import { describe, expect, it } from '@jest/globals';
import { ConfigError, redactSecrets, validateConnectorConfig } from '@idsync/core';
import { toScimConfig } from './config.js';
import { SCIM_MANIFEST } from './manifest.js';

const settingsOf = (raw: Record<string, unknown>) => validateConnectorConfig(SCIM_MANIFEST, raw);

function issuesOf(raw: Record<string, unknown>): ConfigError {
  try {
    toScimConfig(settingsOf(raw));
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('SCIM connector configuration', () => {
  it('applies the defaults of PingOne’s form', () => {
    const config = toScimConfig(settingsOf({ baseUrl: 'https://scim.example.com/v2', authMethod: 'none' }));
    expect(config.baseUrl.href).toBe('https://scim.example.com/v2/');
    expect([config.usersResource, config.groupsResource, config.version]).toEqual(['Users', 'Groups', '2.0']);
    expect([config.preset, config.patchMode, config.pageSize]).toEqual(['generic', 'discover', 100]);
    expect(config.maxMembersPerRequest).toBeUndefined();
    // One request ahead of the rate at most; fifty look-ups to a combined filter.
    expect([config.requestsPerSecond, config.requestBurst, config.lookupsPerRequest]).toEqual([0, 1, 50]);
  });

  it('normalises resource paths given with slashes', () => {
    const config = toScimConfig(
      settingsOf({
        baseUrl: 'https://x.test/scim/',
        authMethod: 'none',
        usersResource: '/people/',
        groupsResource: 'teams',
      }),
    );
    expect([config.usersResource, config.groupsResource]).toEqual(['people', 'teams']);
  });

  it('names every credential the chosen method needs, at once', () => {
    const error = issuesOf({
      baseUrl: 'https://x.test',
      authMethod: 'oauth-client-credentials',
      clientId: 'c',
    });
    expect(error.issues.map((issue) => issue.key)).toEqual(['config.oauthEndpoint', 'config.clientSecret']);
  });

  it('requires user and password for basic, the token for bearer', () => {
    expect(issuesOf({ baseUrl: 'https://x.test', authMethod: 'basic' }).issues.map((i) => i.key)).toEqual([
      'config.basicUser',
      'config.basicPassword',
    ]);
    expect(
      issuesOf({ baseUrl: 'https://x.test', authMethod: 'oauth-bearer' }).issues.map((i) => i.key),
    ).toEqual(['config.bearerToken']);
  });

  it('requires the custom header value when the auth type header is custom', () => {
    const error = issuesOf({ baseUrl: 'https://x.test', authMethod: 'none', authTypeHeader: 'custom' });
    expect(error.issues.map((issue) => issue.key)).toEqual(['config.customAuthHeader']);
  });

  it('refuses a scheme word with no credential to carry', () => {
    const error = issuesOf({ baseUrl: 'https://x.test', authMethod: 'none', authTypeHeader: 'bearer' });
    expect(error.issues[0]?.key).toBe('config.authTypeHeader');
  });

  it('marks every credential secret, so it is redacted and hidden in validation messages', () => {
    const secrets = SCIM_MANIFEST.configFields.filter((field) => field.secret).map((field) => field.key);
    expect(secrets).toEqual(['basicPassword', 'bearerToken', 'clientSecret', 'customAuthHeader']);
    const redacted = redactSecrets(SCIM_MANIFEST, {
      baseUrl: 'https://x.test',
      bearerToken: 'abc-123',
      clientSecret: 's3cr3t',
    });
    expect(redacted).toEqual({
      baseUrl: 'https://x.test',
      bearerToken: '********',
      clientSecret: '********',
    });
    try {
      validateConnectorConfig(SCIM_MANIFEST, {
        baseUrl: 'https://x.test',
        authMethod: 'basic',
        basicPassword: 12345678,
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain('12345678');
    }
  });

  it('refuses values outside the declared ranges and enums, naming the key', () => {
    try {
      validateConnectorConfig(SCIM_MANIFEST, {
        baseUrl: 'https://x.test',
        authMethod: 'basic',
        scimVersion: '3.0',
        maxConcurrency: 0,
        requestBurst: 0,
        lookupsPerRequest: 501,
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.key)).toEqual([
        'config.scimVersion',
        'config.maxConcurrency',
        'config.requestBurst',
        'config.lookupsPerRequest',
      ]);
    }
  });
});
