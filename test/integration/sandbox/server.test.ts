/** The sandbox server: its key, the Host names it answers to, and the Authorization header it expects. */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 120 });
});
afterAll(() => sandbox.close());

describe('sandbox: authentication and profile', () => {
  it('refuses a missing or wrong key with Codat’s error body', async () => {
    for (const authorization of [undefined, 'Basic bm9wZQ==', sandbox.apiKey]) {
      const response = await fetch(
        `${sandbox.url}/profile`,
        authorization ? { headers: { Authorization: authorization } } : {},
      );
      expect(response.status).toBe(401);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        statusCode: 401,
        service: expect.any(String),
        error: expect.stringMatching(/Unauthorized/),
      });
      expect(body.correlationId).toMatch(/^[0-9a-f]{32}$/);
      expect(body).toHaveProperty('validation');
      expect(body).toHaveProperty('canBeRetried');
      expect(body).toHaveProperty('detailedErrorCode');
    }
  });

  it('has a fresh key on every start, even with the same seed', async () => {
    const again = await startTestSandbox({ companies: 1 });
    try {
      expect(again.apiKey).not.toBe(sandbox.apiKey);
      expect(again.apiKey.length).toBeGreaterThanOrEqual(32);
      expect((await fetch(`${again.url}/profile`, { headers: { Authorization: sandbox.authorization } })).status).toBe(
        401,
      );
    } finally {
      await again.close();
    }
  });

  it('answers only to its own host names, so a rebinding page cannot drive it', async () => {
    const port = new URL(sandbox.url).port;
    const statusFor = (host: string, path: string) =>
      new Promise<number>((resolve, reject) => {
        const request = http.request(
          {
            host: '127.0.0.1',
            port,
            path,
            method: 'GET',
            headers: { Host: host, Authorization: sandbox.authorization },
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.once('error', reject);
        request.end();
      });
    sandbox.control.clearRequests();
    for (const path of ['/profile', '/_sandbox/requests', '/', '/branding/xero/logo.svg']) {
      expect(await statusFor(`attacker.example:${port}`, path)).toBe(421);
      expect(await statusFor('127.0.0.1', path)).toBe(421);
    }
    expect(sandbox.control.requests()).toEqual([]);
    expect(await statusFor(`127.0.0.1:${port}`, '/profile')).toBe(200);
    expect(await statusFor(`localhost:${port}`, '/profile')).toBe(200);
  });

  it('answers GET /profile with the key encoded as Basic base64(key)', async () => {
    const profile = await sandbox.call('GET', '/profile');
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({
      name: 'Linkdesk Training Sandbox',
      redirectUrl: expect.stringContaining(sandbox.url),
    });
    expect(sandbox.authorization).toBe(`Basic ${Buffer.from(sandbox.apiKey).toString('base64')}`);
  });
});
