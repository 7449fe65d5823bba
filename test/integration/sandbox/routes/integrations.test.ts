/** The sandbox’s integration routes over HTTP: the catalogue, one integration, and its branding images. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 20 });
});
afterAll(() => sandbox.close());

describe('sandbox: integrations', () => {
  it('lists integrations (≥ 30, some disabled, offline connectors marked) and serves branding images itself', async () => {
    const list = (await sandbox.call('GET', '/integrations?page=1&pageSize=100')).body;
    expect(list.totalResults).toBeGreaterThanOrEqual(30);
    const byKey = new Map(list.results.map((integration: { key: string }) => [integration.key, integration]));
    expect(byKey.get('qhyg')).toMatchObject({ name: 'QuickBooks Online', sourceType: 'Accounting', enabled: true });
    expect(byKey.get('pqsw')).toMatchObject({ isOfflineConnector: true });
    expect(byKey.get('suuo')).toMatchObject({ sourceType: 'Banking' });
    expect(byKey.get('fztf')).toMatchObject({ sourceType: 'Commerce' });
    expect(list.results.some((integration: { enabled: boolean }) => !integration.enabled)).toBe(true);
    const enabledAccounting = (
      await sandbox.call(
        'GET',
        `/integrations?page=1&pageSize=100&query=${encodeURIComponent('sourceType=Accounting&&enabled=true')}`,
      )
    ).body.results;
    expect(
      enabledAccounting.every(
        (i: { sourceType: string; enabled: boolean }) => i.sourceType === 'Accounting' && i.enabled,
      ),
    ).toBe(true);
    const branding = (await sandbox.call('GET', '/integrations/gbol/branding')).body;
    for (const image of [branding.logo.full, branding.logo.square, branding.button.default, branding.button.hover]) {
      expect(image.image.src.startsWith(sandbox.url)).toBe(true);
      const response = await fetch(image.image.src);
      expect(response.headers.get('content-type')).toBe('image/svg+xml');
      expect(await response.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    }
    expect((await sandbox.call('GET', '/integrations/zzzz')).status).toBe(404);
    expect((await sandbox.call('GET', '/integrations/zzzz/branding')).status).toBe(404);
  });
});
