import { ConnectorError, type ConnectionCheck, type TestConnectionResult } from '@idsync/core';
import { getCaseInsensitive } from '@idsync/scim';
import type { AuthMethod } from '../config.js';
import { describeCapabilities } from '../discovery/discover-capabilities.js';
import type { ScimAnswer } from '../scim-client.js';
import type { ScimTarget } from '../scim-target.js';

/** What to check in the configuration when the target refuses the credentials. */
const CREDENTIAL_KEYS: Readonly<Record<AuthMethod, string>> = {
  none: 'config.authMethod (the target wants credentials)',
  basic: 'config.basicUser and config.basicPassword',
  'oauth-bearer': 'config.bearerToken',
  'oauth-client-credentials': 'config.clientId, config.clientSecret and the client’s grants',
};

class CheckFailed extends Error {}

/** The connection checks in the order a person would debug, stopping at the first failure. */
class ConnectionTest {
  readonly checks: ConnectionCheck[] = [];

  constructor(private readonly target: ScimTarget) {}

  pass(name: string, detail: string): void {
    this.checks.push({ name, ok: true, detail: this.target.client.redactor.redact(detail) });
  }

  fail(name: string, detail: string): never {
    this.checks.push({ name, ok: false, detail: this.target.client.redactor.redact(detail) });
    throw new CheckFailed(detail);
  }

  /** Runs `step`; a ConnectorError (or any error) fails the named check with its message. */
  async attempt<T>(name: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof CheckFailed) throw error;
      return this.fail(name, error instanceof Error ? error.message : String(error));
    }
  }

  listQuery(): Record<string, number | string> {
    return this.target.preset.paging === 'cursor' ? { count: 1 } : { startIndex: 1, count: 1 };
  }

  async reach(): Promise<void> {
    const { client, config } = this.target;
    const url = client.urlOf(config.usersResource);
    const response = await this.attempt('reach target', () =>
      client.exchange('GET', config.usersResource, { query: this.listQuery(), authenticate: false }),
    );
    this.pass(
      'reach target',
      `${url.protocol === 'https:' ? 'TLS connection' : 'Connection'} to ${url.host} works (it answered HTTP ${response.status}).`,
    );
  }

  async authenticate(): Promise<ScimAnswer> {
    const { client, config } = this.target;
    const method = config.authentication.method;
    const response = await this.attempt('authentication', () =>
      client.exchange('GET', config.usersResource, { query: this.listQuery() }),
    );
    if (response.status === 401) {
      const error = client.errorOf(response, `GET ${config.usersResource}`);
      this.fail(
        'authentication',
        `The target refused the credentials (401: ${error.remoteMessage}). Check ${CREDENTIAL_KEYS[method]}.`,
      );
    }
    if (response.status === 403) {
      const error = client.errorOf(response, `GET ${config.usersResource}`);
      this.fail(
        'authentication',
        `The credentials are valid but not allowed to read users (403: ${error.remoteMessage}). Grant the account or client SCIM access.`,
      );
    }
    this.pass(
      'authentication',
      method === 'none'
        ? 'No authentication is configured, and the target asked for none.'
        : `The target accepted the ${method} credentials.`,
    );
    return response;
  }

  async resource(name: string, path: string, key: string, given?: ScimAnswer): Promise<void> {
    const { client } = this.target;
    const response =
      given ?? (await this.attempt(name, () => client.exchange('GET', path, { query: this.listQuery() })));
    const url = client.urlOf(path);
    if (response.status === 404) {
      this.fail(
        name,
        `GET ${url.pathname} answered 404: there is no resource endpoint there. Check ${key} ("${path}") and config.baseUrl.`,
      );
    }
    if (response.status < 200 || response.status >= 300) {
      this.fail(name, client.errorOf(response, `GET ${url.pathname}`).message);
    }
    const body = response.body;
    const resources = body && typeof body === 'object' ? getCaseInsensitive(body, 'Resources') : undefined;
    const total = body && typeof body === 'object' ? getCaseInsensitive(body, 'totalResults') : undefined;
    if (body === undefined || (resources === undefined && total === undefined)) {
      this.fail(
        name,
        `GET ${url.pathname} answered ${response.status} but not with a SCIM list response. Check ${key} and config.baseUrl.`,
      );
    }
    this.pass(
      name,
      `GET ${url.pathname} answers with a list response${typeof total === 'number' ? ` (${total} in all)` : ''}.`,
    );
  }

  async discover(): Promise<void> {
    const discovered = await this.attempt('discovery', () => this.target.capabilities());
    this.pass('discovery', describeCapabilities(discovered));
  }
}

/**
 * Tests a SCIM connection step by step, the way a person would debug it: can the host be
 * reached (naming DNS, refused, TLS or timeout), are the credentials accepted (401/403), do the
 * users and groups endpoints exist (a 404 names the configured path), and what does the target
 * support (ServiceProviderConfig; a missing one passes with a note and conservative
 * assumptions). Stops at the first failure; never throws for a problem of the target.
 */
export async function testScimConnection(target: ScimTarget): Promise<TestConnectionResult> {
  const test = new ConnectionTest(target);
  try {
    await test.reach();
    const users = await test.authenticate();
    await test.resource('users resource', target.config.usersResource, 'config.usersResource', users);
    await test.resource('groups resource', target.config.groupsResource, 'config.groupsResource');
    await test.discover();
  } catch (error) {
    if (!(error instanceof CheckFailed) && !(error instanceof ConnectorError)) throw error;
  }
  return { ok: test.checks.every((check) => check.ok), checks: test.checks };
}
