import { describe, expect, it } from '@jest/globals';
import { FaultInjector } from './fault-injector.js';

const usersPost = { method: 'POST', path: '/Users' };
const usersGet = { method: 'GET', path: '/Users/42' };

describe('FaultInjector', () => {
  it('fails only the next N matching requests, with the given status and body', () => {
    const faults = new FaultInjector({
      failNext: [{ method: 'post', path: '/Users', count: 2, status: 503, body: { x: 1 } }],
    });
    expect(faults.decide(usersGet).action).toBeUndefined();
    expect(faults.decide(usersPost).action).toMatchObject({ kind: 'respond', status: 503, body: { x: 1 } });
    expect(faults.decide(usersPost).action).toMatchObject({ status: 503 });
    expect(faults.decide(usersPost).action).toBeUndefined();
  });

  it('matches paths as prefixes by segment, case-insensitively, or by RegExp', () => {
    const faults = new FaultInjector({
      failNext: [
        { path: '/users', count: 10, status: 500 },
        { path: /^\/Groups\/\w+$/, count: 10, status: 502 },
      ],
    });
    expect(faults.decide({ method: 'GET', path: '/Users/1' }).action).toMatchObject({ status: 500 });
    expect(faults.decide({ method: 'GET', path: '/UsersX' }).action).toBeUndefined();
    expect(faults.decide({ method: 'GET', path: '/Groups/9' }).action).toMatchObject({ status: 502 });
    expect(faults.decide({ method: 'GET', path: '/Groups' }).action).toBeUndefined();
  });

  it('throttles the next N requests with a Retry-After header', () => {
    const faults = new FaultInjector({ throttleNext: { count: 1, retryAfterSeconds: 7 } });
    expect(faults.decide(usersGet).action).toMatchObject({ status: 429, headers: { 'retry-after': '7' } });
    expect(faults.decide(usersGet).action).toBeUndefined();
  });

  it('decides random errors the same way for the same seed, and never with probability 0', () => {
    const statuses = (seed: number) => {
      const faults = new FaultInjector({ seed, randomErrors: { probability: 0.5, statuses: [500, 503] } });
      return Array.from({ length: 40 }, () => {
        const action = faults.decide(usersGet).action;
        return action?.kind === 'respond' ? action.status : 200;
      });
    };
    const first = statuses(42);
    expect(statuses(42)).toEqual(first);
    expect(first.filter((status) => status !== 200).length).toBeGreaterThan(5);
    expect(first.filter((status) => status === 200).length).toBeGreaterThan(5);
    const never = new FaultInjector({ randomErrors: { probability: 0 } });
    for (let index = 0; index < 20; index++) expect(never.decide(usersGet).action).toBeUndefined();
  });

  it('puts a reset before injected answers, and applies latency and slow bodies alongside', () => {
    const faults = new FaultInjector({
      resets: { count: 1 },
      failNext: [{ count: 5, status: 500 }],
      latency: { ms: 25 },
      slowBody: { count: 1, chunkBytes: 4 },
    });
    const first = faults.decide(usersGet);
    expect(first).toMatchObject({ delayMs: 25, action: { kind: 'reset' }, applied: ['latency', 'reset'] });
    expect(first.slowBody).toBeUndefined();
    const second = faults.decide(usersGet);
    expect(second).toMatchObject({ action: { status: 500 }, slowBody: { chunkBytes: 4, intervalMs: 20 } });
    expect(second.applied).toEqual(['latency', 'failNext', 'slowBody']);
    expect(faults.decide(usersGet).slowBody).toBeUndefined();
  });

  it('starts over when the configuration is replaced', () => {
    const faults = new FaultInjector({ failNext: [{ count: 1, status: 500 }] });
    faults.decide(usersGet);
    faults.set({ failNext: [{ count: 1, status: 500 }] });
    expect(faults.decide(usersGet).action).toMatchObject({ status: 500 });
    faults.set({});
    expect(faults.decide(usersGet)).toEqual({ delayMs: 0, applied: [] });
  });
});
