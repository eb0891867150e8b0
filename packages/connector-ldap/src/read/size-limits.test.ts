import { afterAll, describe, expect, it } from '@jest/globals';
import type { LdapEntry as SeedEntry } from '@idsync/ldap';
import { collect } from '../testing/collect.js';
import { startTestDirectory } from '../testing/test-directory.js';

/*
 * Full reads by a plain bind DN, which slapd gives its default size limit of 500 entries (the
 * admin, the rootdn, has none). Three readers with read access to everything: one without any
 * `limits` line, one allowed unlimited paged totals, and one whose server also caps pages at 100.
 */
const PEOPLE = 1250;
const SUFFIX = 'dc=example,dc=org';
const reader = (cn: string) => `cn=${cn},${SUFFIX}`;
const people: SeedEntry[] = Array.from({ length: PEOPLE }, (_, index) => ({
  dn: `uid=r${index},ou=people,${SUFFIX}`,
  attributes: { objectClass: 'inetOrgPerson', uid: `r${index}`, cn: `Reader ${index}`, sn: 'R' },
}));
const readers: SeedEntry[] = ['plain', 'paging', 'small-pages'].map((cn) => ({
  dn: reader(cn),
  attributes: { objectClass: 'person', cn, sn: cn, userPassword: `${cn}-password` },
}));

const directory = await startTestDirectory({
  seed: [...readers, ...people],
  limits: [
    `dn.exact="${reader('paging')}" size.prtotal=unlimited`,
    `dn.exact="${reader('small-pages')}" size.soft=100 size.hard=100 size.pr=100 size.prtotal=unlimited`,
  ],
});
afterAll(() => directory.stop());

const bindingAs = (cn: string, settings: Record<string, unknown> = {}) =>
  directory.connector({ bindDn: reader(cn), bindPassword: `${cn}-password`, ...settings });

describe('reads by a bind DN that is not the rootdn', () => {
  it('reads all 1,250 users in pages when the paged total is allowed', async () => {
    for (const pageSize of [500, 1000]) {
      const pages = await collect(bindingAs('paging').read('User', { pageSize }));
      const ids = new Set(pages.flat().map((object) => object.remoteId));
      expect(ids.size).toBe(PEOPLE);
      expect(pages.every((page) => page.length <= pageSize)).toBe(true);
    }
  });

  it('uses smaller pages when the server refuses the page size, and still reads everyone', async () => {
    const pages = await collect(bindingAs('small-pages').read('User', { pageSize: 1000 }));
    expect(new Set(pages.flat().map((object) => object.remoteId)).size).toBe(PEOPLE);
    expect(Math.max(...pages.map((page) => page.length))).toBeLessThanOrEqual(100);
  });

  it('fails, naming sizelimit and the limits directive, when the server stops the paged search at 500', async () => {
    const error = await collect(bindingAs('plain').read('User')).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'forbidden', remoteStatus: 4 });
    const message = (error as Error).message;
    expect(message).toMatch(/sizeLimitExceeded/);
    expect(message).toMatch(/sizelimit/);
    expect(message).toContain(`limits dn.exact="${reader('plain')}" size.prtotal=unlimited`);
    expect(message).toMatch(/after 500 entries/);
    expect(message).not.toContain('plain-password');
  });

  it('finds users by a filter matching fewer than the limit', async () => {
    const found = await bindingAs('plain').find('User', {
      kind: 'comparison',
      path: { attribute: 'userName' },
      operator: 'sw',
      value: 'r12',
    });
    // r12 and r120…r129 and r1200…r1249
    expect(found).toHaveLength(1 + 10 + 50);
  });
});
