import type { ConnectionCheck, TestConnectionResult } from '@idsync/core';
import type { InMemoryIdentityStore } from './in-memory-identity-store.js';
import { ReferenceStoreError } from './reference-store-error.js';

/**
 * The three checks a connection test makes, in the order a person would debug them: can the
 * store be reached, does it accept the credentials, what does it hold. A failed step stops the
 * ones after it (they could only fail for the same reason). Never throws for a store problem:
 * the answer is the report. Details never contain the key.
 */
export function testReferenceConnection(
  store: InMemoryIdentityStore,
  accessKey: string,
): TestConnectionResult {
  const checks: ConnectionCheck[] = [];
  const finish = (): TestConnectionResult => ({ ok: checks.every((check) => check.ok), checks });

  if (!store.isReachable()) {
    checks.push({
      name: 'reach',
      ok: false,
      detail: `The in-memory store "${store.name}" does not answer (a simulated outage). Retry when it is back.`,
    });
    return finish();
  }
  checks.push({ name: 'reach', ok: true, detail: `The in-memory store "${store.name}" answers.` });

  try {
    store.authenticate(accessKey);
    checks.push({ name: 'authenticate', ok: true, detail: 'The store accepted the access key.' });
  } catch (error) {
    if (!(error instanceof ReferenceStoreError)) throw error;
    checks.push({
      name: 'authenticate',
      ok: false,
      detail: `The store refused the access key. Check config.accessKey of this connection (the key the store "${store.name}" was created with).`,
    });
    return finish();
  }

  checks.push({
    name: 'discover',
    ok: true,
    detail: `The store holds ${store.count('User')} users and ${store.count('Group')} groups; change log at position ${store.latestChange()}.`,
  });
  return finish();
}
