import { describe, expect, it } from '@jest/globals';
import type { LoggedRequest } from '@idsync/scim-target';
import { classifyRequests, lookupsOf, perObject, requestKind } from './classify-requests.js';

function logged(method: string, relativePath: string, query: Record<string, string> = {}, status = 200) {
  return { method, relativePath, query, status } as unknown as LoggedRequest;
}

const anyOf = (count: number) =>
  Array.from({ length: count }, (_, index) => `id eq "id-${index}"`).join(' or ');

describe('requestKind', () => {
  it('names the shape of a request without its ids or values', () => {
    expect(requestKind(logged('GET', '/Users/0b6f'))).toBe('GET /Users/{id}');
    expect(requestKind(logged('POST', '/Users'))).toBe('POST /Users');
    expect(requestKind(logged('GET', '/Users', { filter: 'userName eq "a"' }))).toBe('GET /Users?filter');
  });

  it('tells a batched look-up (several clauses joined by or) from a single one', () => {
    expect(requestKind(logged('GET', '/Users', { filter: anyOf(50) }))).toBe('GET /Users?filter=…or…');
    // `and` inside one clause does not make it a batch.
    expect(requestKind(logged('GET', '/Users', { filter: 'id eq "a" and manager eq "b"' }))).toBe(
      'GET /Users?filter',
    );
  });
});

describe('lookupsOf', () => {
  it('counts each clause of a batch, one per GET by id or single filter, none for writes and lists', () => {
    expect(lookupsOf(logged('GET', '/Users', { filter: anyOf(50) }))).toBe(50);
    expect(lookupsOf(logged('GET', '/Users', { filter: 'userName eq "a"' }))).toBe(1);
    expect(lookupsOf(logged('GET', '/Users/42'))).toBe(1);
    expect(lookupsOf(logged('GET', '/Users', { startIndex: '1' }))).toBe(0);
    expect(lookupsOf(logged('PATCH', '/Users/42'))).toBe(0);
    expect(lookupsOf(logged('GET', '/ServiceProviderConfig'))).toBe(0);
  });
});

describe('classifyRequests', () => {
  it('counts requests and look-ups by kind: 120 users in three batches are 3 requests, 120 look-ups', () => {
    const traffic = classifyRequests([
      logged('GET', '/Users', { filter: anyOf(50) }),
      logged('GET', '/Users', { filter: anyOf(50) }),
      logged('GET', '/Users', { filter: anyOf(20) }),
      ...Array.from({ length: 120 }, () => logged('PATCH', '/Users/x')),
    ]);
    expect(traffic.byKind).toEqual({ 'GET /Users?filter=…or…': 3, 'PATCH /Users/{id}': 120 });
    expect(traffic.lookupsByKind).toEqual({ 'GET /Users?filter=…or…': 120 });
    expect(perObject(traffic, 120).byKind['GET /Users?filter=…or…']).toBe(0.025);
  });
});
