/** The sandbox’s webhook consumers over HTTP, and a company’s access token. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioNames } from '@sandbox/seed';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 20 });
});
afterAll(() => sandbox.close());

describe('sandbox: webhooks', () => {
  it('answers webhooks (no paging envelope) and a company access token', async () => {
    const webhooks = (await sandbox.call('GET', '/webhooks')).body;
    expect(Object.keys(webhooks)).toEqual(['results']);
    expect(webhooks.results[0]).toMatchObject({ eventTypes: expect.arrayContaining(['read.completed']) });
    const companyId = sandbox.companyId(scenarioNames.healthy);
    const token = (await sandbox.call('GET', `/companies/${companyId}/accessToken`)).body;
    expect(token).toMatchObject({ expiresIn: 86400, tokenType: 'Bearer', accessToken: expect.any(String) });
  });
});
