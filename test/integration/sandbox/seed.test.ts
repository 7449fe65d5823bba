/** The seeded world: the same for the same seed, with every scenario company the health views need. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioNames } from '@sandbox/seed';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 120 });
});
afterAll(() => sandbox.close());

describe('sandbox: seeded data', () => {
  it('is the same for the same seed and start, different for another seed', async () => {
    const again = await startTestSandbox({ companies: 120 });
    const other = await startTestSandbox({ companies: 120, seed: 8 });
    try {
      const listing = async (target: TestSandbox) =>
        (await target.call('GET', '/companies?page=1&pageSize=200&orderBy=name')).body;
      const original = await startTestSandbox({ companies: 120 });
      const [a, b, c] = await Promise.all([listing(original), listing(again), listing(other)]);
      await original.close();
      const strip = (page: { results: Array<Record<string, unknown>> }) =>
        page.results.map(({ dataConnections, redirect, ...company }) => ({
          redirect: String(redirect).replace(/^http:\/\/[^/]+/, ''),
          ...company,
          dataConnections: (dataConnections as Array<Record<string, unknown>>).map(({ linkUrl, ...rest }) => rest),
        }));
      expect(strip(b)).toEqual(strip(a));
      expect(strip(c)).not.toEqual(strip(a));
    } finally {
      await again.close();
      await other.close();
    }
  });

  it('has every scenario company the health views need', async () => {
    for (const name of Object.values(scenarioNames)) expect(sandbox.control.companyIdsNamed(name)).toHaveLength(1);
  });
});
