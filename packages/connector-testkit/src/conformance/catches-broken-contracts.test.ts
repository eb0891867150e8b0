import { describe, expect, it } from '@jest/globals';
import {
  capabilitiesOf,
  ConnectorError,
  type ConnectorManifest,
  type ImplementedOperations,
} from '@idsync/core';
import { map, type Observable } from 'rxjs';
import { createReferenceConformanceOptions } from '../reference/reference-conformance-options.js';
import { conformanceCheck } from './conformance-checks.js';
import type { ConformanceOptions } from './conformance-options.js';
import { ConformanceFailure } from './conformance-failure.js';
import { runConformanceCheck } from './run-conformance-check.js';
import { brokenReference as broken, expectCaught } from './testing/broken-reference.js';

/** The reference options with a different manifest: a plugin that declares something wrong. */
function withManifest(change: (manifest: ConnectorManifest) => ConnectorManifest): ConformanceOptions {
  const options = createReferenceConformanceOptions();
  return { ...options, definition: { ...options.definition, manifest: change(options.definition.manifest) } };
}

describe('the suite catches broken membership', () => {
  it('an addMembers that fails for a member already there', async () => {
    const options = broken((connector, store) => ({
      addMembers: async (group: string, members: readonly string[]) => {
        const current = new Set(store.membersOf(group));
        if (members.some((id) => current.has(id))) throw new ConnectorError('conflict', 'already a member');
        return connector.addMembers(group, members);
      },
    }));
    await expectCaught(
      'membership.add-read-remove',
      options,
      /addMembers\(group, \[first\]\) for a member already there .* threw ConnectorError 'conflict'/,
    );
  });

  it('a removeMembers that fails for a member already gone', async () => {
    const options = broken((connector, store) => ({
      removeMembers: async (group: string, members: readonly string[]) => {
        const current = new Set(store.membersOf(group));
        if (members.some((id) => !current.has(id))) throw new ConnectorError('not-found', 'not a member');
        return connector.removeMembers(group, members);
      },
    }));
    await expectCaught(
      'membership.add-read-remove',
      options,
      /removeMembers\(group, \[first\]\) for a member already gone .* threw ConnectorError 'not-found'/,
    );
  });

  it('a readMembers that repeats members across pages', async () => {
    const options = broken((connector) => ({
      readMembers: (group: string) =>
        connector.readMembers(group).pipe(map((page) => [...page, ...page])) as Observable<readonly string[]>,
    }));
    await expectCaught(
      'membership.add-read-remove',
      options,
      /readMembers\("[^"]+"\) returned the member "[^"]+" twice/,
    );
  });

  it('an addMembers that ignores an unknown group', async () => {
    const options = broken((connector, store) => ({
      addMembers: async (group: string, members: readonly string[]) => {
        if (store.get('Group', group)) await connector.addMembers(group, members);
      },
    }));
    await expectCaught(
      'membership.unknown-group',
      options,
      /addMembers\("[^"]+"\) of an unknown group succeeded.*'not-found'/,
    );
  });
});

describe('the suite catches a dishonest connection test', () => {
  it('a testConnection that claims success although a check failed', async () => {
    const options = broken((connector) => ({
      testConnection: async () => ({ ...(await connector.testConnection()), ok: true }),
    }));
    await expectCaught(
      'connection.reports-bad-credentials',
      options,
      /ok: true, but its checks say .*authenticate",false/,
    );
  });

  it('a testConnection that throws instead of reporting', async () => {
    const options = broken((connector) => ({
      testConnection: async () => {
        const result = await connector.testConnection();
        if (!result.ok) throw new ConnectorError('unauthorized', 'bad key');
        return result;
      },
    }));
    await expectCaught(
      'connection.reports-bad-credentials',
      options,
      /a failed connection is reported in the result, not thrown\) threw ConnectorError 'unauthorized'/,
    );
  });

  it('a testConnection that shows the access key', async () => {
    const options = broken((connector) => ({
      testConnection: async () => {
        const result = await connector.testConnection();
        return {
          ...result,
          checks: [...result.checks, { name: 'debug', ok: true, detail: 'key conformance-access-key' }],
        };
      },
    }));
    await expectCaught('connection.reports-checks', options, /the detail of check "debug" contains a secret/);
  });

  it('a connector that logs its access key', async () => {
    const options = broken((connector, _store, context) => ({
      get: async (type, remoteId) => {
        context.log('debug', 'get', { remoteId, auth: 'conformance-access-key' });
        return connector.get(type, remoteId);
      },
    }));
    await expectCaught('errors.get-unknown', options, /logged a secret of its config \(in a debug line "get/);
  });
});

describe('the suite catches a dishonest manifest or capabilities', () => {
  it('a credential field not marked secret', async () => {
    const options = withManifest((manifest) => ({
      ...manifest,
      configFields: manifest.configFields.map((field) =>
        field.key === 'accessKey' ? { ...field, secret: false } : field,
      ),
    }));
    await expectCaught(
      'manifest.secrets-marked',
      options,
      /"accessKey" of "reference" look like credentials but are not marked `secret: true`/,
    );
  });

  it('an id that configuration files cannot use', async () => {
    const options = withManifest((manifest) => ({ ...manifest, id: 'Reference Connector' }));
    await expectCaught(
      'manifest.well-formed',
      options,
      /id "Reference Connector" must be lower-case kebab-case/,
    );
  });

  it('a sample config the manifest does not accept', async () => {
    const options = withManifest((manifest) => ({
      ...manifest,
      configFields: manifest.configFields.map((field) =>
        field.key === 'pageSize' ? { ...field, max: 1 } : field,
      ),
    }));
    await expectCaught(
      'config.accepts-sample',
      options,
      /rejected the sample config.*config\.pageSize: must be at most 1, got 2/s,
    );
  });

  it('softDelete declared without disable()', async () => {
    const options = broken(() => ({ disable: null }));
    await expectCaught(
      'capabilities.declared-matches-implemented',
      options,
      /declares softDelete: true, but the connector has no disable\(\)/,
    );
  });

  it('a connector that can neither read nor find', async () => {
    const options = broken(() => ({ read: null, find: null }));
    await expectCaught('capabilities.can-correlate', options, /neither read\(\) nor find\(\)\+get\(\)/);
  });

  it('a connector whose instances implement different operations', async () => {
    // The suite was declared with an instance that implements everything; this one lacks patch().
    const everything: ImplementedOperations = {
      ...capabilitiesOf({}),
      ...Object.fromEntries(Object.keys(capabilitiesOf({})).map((name) => [name, true])),
    };
    const options = broken(() => ({ patch: null }));
    const outcome = await runConformanceCheck(
      conformanceCheck('errors.get-unknown'),
      options,
      everything,
    ).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(ConformanceFailure);
    expect((outcome as Error).message).toMatch(
      /implements .*"patch":false.*Capabilities must come from the connector class/,
    );
  });
});
