/** The sandbox’s router: unknown paths and wrong methods, in Codat’s error shape. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 20 });
});
afterAll(() => sandbox.close());

describe('sandbox: routing', () => {
  it('answers unknown routes with 404 and wrong methods with 405, in Codat’s error shape', async () => {
    const missing = await sandbox.call('GET', '/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.correlationId).toBeDefined();
    expect((await sandbox.call('PUT', '/profile', {})).status).toBe(405);
  });

  it('answers a path with a broken percent-escape with a 400 that says so, not a failure', async () => {
    for (const path of ['/companies/%E0%A4%A', '/companies/%', '/integrations/%zz/branding']) {
      const answer = await sandbox.call('GET', path);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatch(/percent/);
      expect(answer.body.canBeRetried).toBe('Unknown');
    }
  });
});
