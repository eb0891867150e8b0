import { it, expect } from '@jest/globals';
import { applyPatch } from './apply-patch.js';
import { diffResources } from './diff-resources.js';
import { groupContext, userContext } from './test-fixtures/test-registry.js';
import { sampleUser } from './test-fixtures/sample-resources.js';
it('perf', () => {
  const n = 20000;
  const members = Array.from({ length: n }, (_, i) => ({ value: `user-${i}`, display: `User ${i}` }));
  const group = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: 'g', displayName: 'Big', members };
  const ops = [
    ...Array.from({ length: 100 }, (_, i) => ({ op: 'remove' as const, path: `members[value eq "user-${i * 7}"]` })),
    { op: 'add' as const, path: 'members', value: Array.from({ length: 100 }, (_, i) => ({ value: `new-${i}` })) },
  ];
  let t = performance.now();
  const { resource } = applyPatch(group, ops, groupContext);
  console.log('apply 101 ops on 20k members ms', (performance.now() - t).toFixed(1));
  t = performance.now();
  const diff = diffResources(group, resource, groupContext);
  console.log('diff 20k vs 20k ms', (performance.now() - t).toFixed(1), diff.length);
  t = performance.now();
  const entra = applyPatch(group, [{ op: 'remove', path: 'members', value: Array.from({ length: 1000 }, (_, i) => ({ value: `user-${i * 3}` })) }], groupContext);
  console.log('entra remove 1000 ms', (performance.now() - t).toFixed(1), (entra.resource.members as unknown[]).length);
  const u = sampleUser();
  t = performance.now();
  for (let i = 0; i < 10000; i++) applyPatch(u, [{ op: 'replace', path: 'name.givenName', value: 'x' + i }, { op: 'replace', path: 'emails[type eq "work"].value', value: `a${i}@x.org` }, { op: 'replace', path: 'active', value: false }], userContext);
  console.log('10k small user patches ms', (performance.now() - t).toFixed(1));
  const u2 = { ...u, nickName: 'x', emails: [{ value: 'z@x.org', type: 'home' }] };
  t = performance.now();
  for (let i = 0; i < 10000; i++) diffResources(u, u2, userContext);
  console.log('10k small user diffs ms', (performance.now() - t).toFixed(1));
  expect(1).toBe(1);
});
