/** The sandbox’s router: unknown paths and wrong methods, in Codat’s error shape. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../support/sandbox';

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
});
