import { describe, expect, it } from '@jest/globals';
import type { ScimRoute } from './scim-call.js';
import { pathSegments, ScimRouter } from './scim-router.js';

const route = (method: ScimRoute['method'], ...segments: string[]): ScimRoute => ({
  method,
  segments,
  body: 'none',
  handler: async () => ({ status: 200 }),
});

const routes = [
  route('GET', 'Users'),
  route('POST', 'Users'),
  route('POST', 'Users', '.search'),
  route('GET', 'Users', ':id'),
  route('PATCH', 'Users', ':id'),
];
const router = new ScimRouter(routes);

describe('ScimRouter', () => {
  it('matches without regard to case and captures parameters as sent', () => {
    const match = router.match('get', pathSegments('/users/ABC-1'));
    expect(match).toEqual({ kind: 'found', route: routes[3], params: { id: 'ABC-1' } });
  });

  it('prefers a literal segment over a parameter', () => {
    const match = router.match('POST', pathSegments('/USERS/.Search/'));
    expect(match.kind === 'found' && match.route).toBe(routes[2]);
  });

  it('tells a wrong method from an unknown path', () => {
    expect(router.match('DELETE', ['Users'])).toEqual({ kind: 'method', allowed: ['GET', 'POST'] });
    expect(router.match('GET', ['Printers'])).toEqual({ kind: 'none' });
    expect(router.match('GET', ['Users', 'a', 'b'])).toEqual({ kind: 'none' });
  });

  it('splits paths, ignoring empty segments and the query string', () => {
    expect(pathSegments('//Users/x/?filter=a/b')).toEqual(['Users', 'x']);
    expect(pathSegments('')).toEqual([]);
  });
});
