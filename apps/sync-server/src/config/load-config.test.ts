import { readFile } from 'node:fs/promises';
import { describe, expect, it, beforeAll } from '@jest/globals';
import type { ConnectorRegistry } from '@idsync/core';
import { createCoreRegistry } from '@idsync/scim';
import { createConnectorRegistry } from '../connectors/installed-connectors.js';
import { ConfigFileError } from './config-file-error.js';
import { parseConfigText } from './load-config.js';

let connectors: ConnectorRegistry;
beforeAll(async () => {
  connectors = await createConnectorRegistry();
});

const parse = (text: string, env: Record<string, string> = {}) =>
  parseConfigText(text, 'idsync.yaml', { env, connectors, schemas: createCoreRegistry() });

/** The problems a bad file gets, or a failure when it was accepted. */
function problems(text: string, env: Record<string, string> = {}): ConfigFileError {
  try {
    parse(text, env);
  } catch (error) {
    if (error instanceof ConfigFileError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

const referenceConnection = `
connections:
  - name: hr
    connector: reference
    config:
      name: hr-store
      accessKey: \${HR_KEY}
`;

const usersRule = `
rules:
  - name: hr-users
    direction: outbound
    connection: hr
    objectType: User
    mappings:
      - { target: userName, kind: direct, source: userName }
`;

describe('parseConfigText', () => {
  it('accepts the quickstart example and fills in the defaults', async () => {
    const text = await readFile(
      new URL('../../../../examples/quickstart/idsync.yaml', import.meta.url),
      'utf8',
    );
    const config = parse(text, {
      IDSYNC_QUICKSTART_TOKEN: 'q'.repeat(32),
      QUICKSTART_TARGET_URL: 'http://127.0.0.1:9999/scim/v2',
    });
    expect(config.connections.map((c) => c.name)).toEqual(['scim-target']);
    expect(config.connections[0]!.config.baseUrl).toBe('http://127.0.0.1:9999/scim/v2');
    expect(config.rules.map((r) => [r.name, r.objectType, r.enabled])).toEqual([
      ['users-to-target', 'User', true],
      ['groups-to-target', 'Group', true],
    ]);
    expect(config.schedules).toEqual({
      outboundChanges: 2000,
      inboundPoll: 0,
      fullReconciliation: 3_600_000,
    });
    expect(config.server.scim.clients[0]!.bearerTokens).toEqual(['q'.repeat(32)]);
  });

  it('gives an empty file every default', () => {
    const config = parse('');
    expect(config.schedules).toEqual({
      outboundChanges: 5000,
      inboundPoll: 60_000,
      fullReconciliation: 86_400_000,
    });
    expect(config.server.logLevel).toBe('info');
    expect(config.connections).toEqual([]);
  });

  it('refuses an unknown key, naming the path, the line and the likely intended key', () => {
    const error = problems(`server:\n  port: 8080\n  logLevle: debug\n`);
    expect(error.located).toHaveLength(1);
    expect(error.located[0]).toMatchObject({ key: 'server.logLevle', line: 3 });
    expect(error.message).toMatch(
      /line 3, server\.logLevle: is not a known setting\. Did you mean "logLevel"\?/,
    );
  });

  it('names a missing environment variable with its key, and never prints values from the environment', () => {
    const error = problems(referenceConnection);
    expect(error.located[0]).toMatchObject({ key: 'connections.hr.config.accessKey', line: 7 });
    expect(error.message).toContain('HR_KEY, which is not set');

    const unquoted = problems(`${referenceConnection}    preferences: { removeAction: \${MODE} }\n`, {
      HR_KEY: 'k',
    });
    expect(unquoted.located[0]).toMatchObject({
      key: '(YAML syntax)',
      line: 8,
      fix: expect.stringContaining('quote a value that contains ${…}'),
    });

    const leaked = problems(`${referenceConnection}    preferences: { removeAction: '\${MODE}' }\n`, {
      HR_KEY: 'k-42-secret',
      MODE: 'k-42-secret',
    });
    expect(leaked.message).toContain('connections.hr.preferences.removeAction');
    expect(leaked.message).not.toContain('k-42-secret');
  });

  it('checks connector settings against the plugin manifest, by connection name', () => {
    const error = problems(
      `connections:\n  - name: crm\n    connector: scim\n    config:\n      authMethod: none\n      colour: blue\n`,
    );
    const keys = error.located.map((issue) => issue.key);
    expect(keys).toContain('connections.crm.config.baseUrl');
    expect(keys).toContain('connections.crm.config.colour');
    expect(error.message).toMatch(
      /connections\.crm\.config\.baseUrl: is required\. Set it to an http\(s\) URL/,
    );
  });

  it('hides the value of a secret setting that has the wrong type', () => {
    const error = problems(
      `connections:\n  - name: crm\n    connector: reference\n    config: { name: crm, accessKey: [hunter2-and-more] }\n`,
    );
    expect(error.message).toContain('connections.crm.config.accessKey');
    expect(error.message).not.toContain('hunter2');
  });

  it('suggests the installed connector closest to a misspelt one', () => {
    const error = problems(`connections:\n  - name: crm\n    connector: scm\n`);
    expect(error.located[0]).toMatchObject({ key: 'connections.crm.connector', line: 3 });
    expect(error.message).toMatch(/Did you mean "scim"\?.*Installed connectors: .*ldap.*reference.*scim/);
  });

  it('refuses a rule whose connection does not exist, suggesting the near one', () => {
    const error = problems(
      `${referenceConnection}${usersRule.replace('connection: hr', 'connection: hrr')}`,
      { HR_KEY: 'key' },
    );
    expect(error.located).toEqual([
      expect.objectContaining({
        key: 'rules.hr-users.connection',
        problem: expect.stringContaining('"hrr"'),
        fix: 'Did you mean "hr"?',
      }),
    ]);
  });

  it('reports a broken mapping expression at its mapping, with the caret excerpt', () => {
    const broken = usersRule.replace(
      '{ target: userName, kind: direct, source: userName }',
      '{ target: displayName, kind: expression, expression: "Join(\\" \\", [name.givenName]" }',
    );
    const error = problems(`${referenceConnection}${broken}`, { HR_KEY: 'key' });
    expect(error.located[0]!.key).toMatch(/^rules\.hr-users\.mappings\[0\]/);
    expect(error.message).toContain('^');
  });

  it('reports a bad scope filter under the rule', () => {
    const error = problems(`${referenceConnection}${usersRule}    scope: { filter: 'title eq' }\n`, {
      HR_KEY: 'key',
    });
    expect(error.located[0]).toMatchObject({ key: 'rules.hr-users.scope.filter' });
  });

  it('collects every problem of the file in one pass', () => {
    const error = problems(
      `server:\n  port: high\nschedules:\n  inboundPoll: 5 minutes\nrules:\n  - name: Bad Name\n    direction: sideways\n    connection: x\n    objectType: User\n    mappings: []\n`,
    );
    const keys = error.located.map((issue) => issue.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'server.port',
        'schedules.inboundPoll',
        'rules[0].name',
        'rules[0].direction',
        'rules[0].mappings',
      ]),
    );
    expect(error.message).toMatch(
      /schedules\.inboundPoll: is not a duration\. Write a whole number with a unit/,
    );
    expect(error.message).toMatch(
      /rules\[0\]\.direction: has a value that is not allowed\. Use one of: "inbound", "outbound"\./,
    );
  });

  it('points at the line of a YAML syntax error', () => {
    const error = problems(`server:\n  port: 8080\n   host: x\n`);
    expect(error.located[0]!.key).toBe('(YAML syntax)');
    expect([2, 3]).toContain(error.located[0]!.line);
  });

  it('refuses two-way rules that would ping-pong an attribute without an owner', () => {
    const inbound = usersRule
      .replace('name: hr-users', 'name: hr-in')
      .replace('direction: outbound', 'direction: inbound');
    const error = problems(`${referenceConnection}${usersRule}${inbound.replace('rules:\n', '')}`, {
      HR_KEY: 'key',
    });
    expect(error.message).toMatch(/userName/);
    expect(error.message).toMatch(/authority/);
  });
});
