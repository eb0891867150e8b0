import { afterEach, describe, expect, it } from '@jest/globals';
import { startScimTarget, type ScimTarget } from '../start-scim-target.js';
import { manualClock } from '../test-support/fixtures.js';
import { send } from '../test-support/scim-http.js';

describe('rate limiting over HTTP', () => {
  let target: ScimTarget;
  afterEach(() => target.close());

  it('answers 429 with Retry-After once the window budget is spent, and serves again after the window', async () => {
    const clock = manualClock();
    target = await startScimTarget({ clock: clock.now, rateLimit: { requests: 3, windowMs: 60_000 } });
    const url = `${target.baseUrl}/Users`;
    for (let index = 0; index < 3; index++) expect((await send(url)).status).toBe(200);
    clock.advance(15_000);
    const refused = await send(url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(refused.body).toMatchObject({
      status: '429',
      detail: expect.stringContaining('retry after 45 s'),
    });
    clock.advance(45_000);
    expect((await send(url)).status).toBe(200);
  });

  it('uses the profile error style for 429 (AWS ThrottlingException)', async () => {
    target = await startScimTarget({
      profile: 'aws-identity-center',
      rateLimit: { requests: 1, windowMs: 60_000 },
    });
    await send(`${target.baseUrl}/Users`);
    const refused = await send(`${target.baseUrl}/Users`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-amzn-errortype')).toBe('ThrottlingException');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
