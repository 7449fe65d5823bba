/**
 * The branding cache through main's own handlers, against the sandbox over HTTP: a miss fetches, a hit asks
 * Codat nothing (even after a restart), a stale cache answers at once and refreshes in the background, damaged
 * files are ignored and fetched again, hostile or broken images never reach the cache, and offline the cache is
 * the answer until Codat is back.
 */
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import { createBrandingStore } from '@main/branding/store';
import { createMemorySettingsStore } from '@main/storage/settings';
import type {
  BrandingCacheState,
  IntegrationCatalog,
  OperationInput,
  OperationName,
  OperationOutput,
} from '@shared/contract';
import type { Result } from '@shared/result';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { testPorts } from '@support/ports';

const day = 24 * 60 * 60_000;
let sandbox: TestSandbox;
let clock = Date.parse('2026-06-01T09:00:00.000Z');
const consoles: MainServices[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 5 });
});
afterAll(() => sandbox.close());
afterEach(() => {
  consoles.splice(0).forEach((services) => services.dispose());
  sandbox.control.clearFaults();
  sandbox.control.clearBrandingImages();
});

/** One run of the console over a branding folder (a second call with the same folder is a restart). */
function startConsole(brandingDirectory: string, target: { url: string; apiKey: string } = sandbox) {
  const settings = createMemorySettingsStore();
  const services = createMainServices(testPorts(target, { brandingDirectory, settings, now: () => clock }), {
    http: { retry: { retries: 0 }, timeoutMs: 3_000 },
  });
  consoles.push(services);
  const dispatch = services.dispatcher({ isTrustedCaller: () => true });
  const attempt = <N extends OperationName>(operation: N, input: OperationInput<N>) =>
    dispatch(operation, input, { frameUrl: null }) as Promise<Result<OperationOutput<N>>>;
  const call = async <N extends OperationName>(operation: N, input: OperationInput<N>) => {
    const result = await attempt(operation, input);
    if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
    return result.value;
  };
  /** Resolves with the first `integrations.changed` that satisfies `until`. */
  const changed = (until: (state: BrandingCacheState) => boolean) =>
    new Promise<BrandingCacheState>((resolve) => {
      const unsubscribe = services.hub.subscribe((event, payload) => {
        if (event === 'integrations.changed' && until(payload as BrandingCacheState)) {
          unsubscribe();
          resolve(payload as BrandingCacheState);
        }
      });
    });
  return { services, call, attempt, changed };
}

const freshFolder = () => mkdtempSync(path.join(tmpdir(), 'linkdesk-branding-test-'));
const codatRequests = () => sandbox.control.requests().map((entry) => `${entry.method} ${entry.path.split('?')[0]}`);
const card = (catalog: IntegrationCatalog, key: string) => catalog.integrations.find((item) => item.key === key)!;
const fileOf = (src: string) => src.replace('/branding-cache/', '');

describe('a miss, then hits', () => {
  it('fetches the list and every platform’s branding once, stores it on disk, and serves it from the console’s origin', async () => {
    const folder = freshFolder();
    const { call, services } = startConsole(folder);
    sandbox.control.clearRequests();
    const catalog = await call('integrations.list', {});

    expect(catalog.integrations).toHaveLength(32);
    expect(catalog.integrations.some((item) => !item.enabled)).toBe(true); // disabled ones are listed too
    expect(catalog).toMatchObject({ cachedAt: new Date(clock).toISOString(), stale: false, offline: false });
    const requests = codatRequests();
    expect(requests.filter((request) => request === 'GET /integrations')).toHaveLength(1);
    expect(requests.filter((request) => /^GET \/integrations\/\w+\/branding$/.test(request))).toHaveLength(32);
    expect(requests).toHaveLength(33);

    const xeroCard = card(catalog, 'gbol');
    for (const image of Object.values(xeroCard.branding))
      expect(image?.src).toMatch(/^\/branding-cache\/[0-9a-f]{64}\.svg$/);
    expect(xeroCard.logo).toBe(xeroCard.branding.logoSquare!.src);
    expect(xeroCard.branding.buttonDefault!.alt).toBe('Connect to Xero');
    expect(catalog.poweredBy?.alt).toBe('Powered by Codat');

    const served = await services.brandingImage(fileOf(xeroCard.branding.logoFull!.src));
    expect(served?.contentType).toBe('image/svg+xml');
    expect(served?.bytes.toString()).toContain('Xero');
    expect(readdirSync(path.join(folder, 'profiles', 'training', 'platforms'))).toContain('gbol.json');
  });

  it('answers from disk after a restart without asking Codat anything', async () => {
    const folder = freshFolder();
    const first = await startConsole(folder).call('integrations.list', {});
    sandbox.control.clearRequests();
    const again = await startConsole(folder).call('integrations.list', {});
    expect(codatRequests()).toEqual([]);
    expect(again.integrations).toEqual(first.integrations);
    expect(again.cachedAt).toBe(first.cachedAt);
  });
});

describe('stale-while-revalidate', () => {
  it('past the time to live answers with the cache at once, refreshes in the background, then says so', async () => {
    const folder = freshFolder();
    const { call, changed } = startConsole(folder);
    const first = await call('integrations.list', {});
    clock += 7 * day + 60_000;
    sandbox.control.clearRequests();
    const done = changed((state) => !state.refreshing);

    const stale = await call('integrations.list', {});
    expect(stale).toMatchObject({ stale: true, refreshing: true, cachedAt: first.cachedAt });
    expect(stale.integrations).toHaveLength(32);

    const finished = await done;
    expect(finished).toMatchObject({
      stale: false,
      refreshing: false,
      lastError: null,
      cachedAt: new Date(clock).toISOString(),
    });
    expect(codatRequests()).toHaveLength(33);
    expect(await call('integrations.list', {})).toMatchObject({ stale: false, cachedAt: finished.cachedAt });
  });

  it('follows the time-to-live setting', async () => {
    const { call, changed } = startConsole(freshFolder());
    await call('integrations.list', {});
    expect(await call('integrations.saveCacheSettings', { ttlDays: 1, maxMegabytes: 50 })).toEqual({
      ttlDays: 1,
      maxMegabytes: 50,
    });
    clock += 2 * day;
    const done = changed((state) => !state.refreshing);
    expect(await call('integrations.list', {})).toMatchObject({ stale: true, refreshing: true });
    await done;
    const invalid = await startConsole(freshFolder()).attempt('integrations.saveCacheSettings', {
      ttlDays: 0,
      maxMegabytes: 50,
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('offline and stale, waits for Codat to be back rather than trying again on every listing', async () => {
    const own = await startTestSandbox({ companies: 5 });
    const folder = freshFolder();
    const target = { url: own.url, apiKey: own.apiKey };
    await startConsole(folder, target).call('integrations.list', {});
    await own.close();
    clock += 8 * day;

    const { call, attempt } = startConsole(folder, target);
    expect(await attempt('integrations.refresh', {})).toMatchObject({ ok: false, error: { code: 'network' } });
    // The page lists again whenever a refresh ends: that must not start another one.
    for (let listing = 0; listing < 2; listing++) {
      expect(await call('integrations.list', {})).toMatchObject({ stale: true, refreshing: false, offline: true });
    }
  });
});

describe('damaged files', () => {
  it('ignores a corrupt platform file and a damaged image, shows the rest, and fetches those again', async () => {
    const folder = freshFolder();
    const before = await startConsole(folder).call('integrations.list', {});
    const xeroSquare = fileOf(card(before, 'gbol').branding.logoSquare!.src);
    writeFileSync(path.join(folder, 'profiles', 'training', 'platforms', 'qhyg.json'), '{"version": 1, "cach');
    writeFileSync(path.join(folder, 'images', xeroSquare), '<svg>tampered</svg>');

    const { call, changed, services } = startConsole(folder);
    sandbox.control.clearRequests();
    const repaired = changed((state) => !state.refreshing);
    const meanwhile = await call('integrations.list', {});
    expect(meanwhile.integrations.map((item) => item.key)).not.toContain('qhyg');
    expect(card(meanwhile, 'gbol').branding.logoSquare).toBeNull();
    expect(card(meanwhile, 'gbol').branding.logoFull).not.toBeNull();
    expect(await services.brandingImage(xeroSquare)).toBeNull();

    await repaired;
    // Only what was damaged is fetched again: the list, then QuickBooks Online's and Xero's branding.
    expect(codatRequests().sort()).toEqual(
      ['GET /integrations', 'GET /integrations/qhyg/branding', 'GET /integrations/gbol/branding'].sort(),
    );
    const after = await call('integrations.list', {});
    expect(after.integrations).toEqual(before.integrations);
    expect((await services.brandingImage(xeroSquare))?.bytes.toString()).toContain('<svg');
  });

  it('treats an unreadable index as a miss', async () => {
    const folder = freshFolder();
    await startConsole(folder).call('integrations.list', {});
    writeFileSync(path.join(folder, 'profiles', 'training', 'index.json'), 'not json');
    sandbox.control.clearRequests();
    const catalog = await startConsole(folder).call('integrations.list', {});
    expect(catalog.integrations).toHaveLength(32);
    expect(codatRequests()).toHaveLength(33);
  });
});

describe('eviction', () => {
  it('keeps the images under the size bound: another profile’s long-unused image goes, this profile’s stay', async () => {
    const folder = freshFolder();
    const first = startConsole(folder);
    await first.call('integrations.list', {});
    const imagesDir = path.join(folder, 'images');
    const count = readdirSync(imagesDir).length;
    // Another profile's image, used long ago: the first to go.
    const old = 'a'.repeat(64) + '.png';
    writeFileSync(path.join(imagesDir, old), Buffer.alloc(5 * 1024 * 1024));
    utimesSync(path.join(imagesDir, old), new Date(clock - 30 * day), new Date(clock - 30 * day));

    const second = startConsole(folder);
    await second.call('integrations.saveCacheSettings', { ttlDays: 7, maxMegabytes: 5 });
    await second.call('integrations.refresh', {});
    expect(readdirSync(imagesDir)).not.toContain(old);
    expect(readdirSync(imagesDir)).toHaveLength(count);
  });

  it('evicts the least recently used first, where reading an image counts as using it', async () => {
    let now = clock;
    const store = createBrandingStore({ root: freshFolder(), now: () => now });
    const kilobyte = (fill: number) => Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(1018, fill)]);
    const first = await store.putImage(kilobyte(1), 'gif');
    now += 1_000;
    const second = await store.putImage(kilobyte(2), 'gif');
    now += 1_000;
    const third = await store.putImage(kilobyte(3), 'gif');
    now += 1_000;
    expect(await store.readImage(first)).not.toBeNull(); // the oldest write, but just used
    const { removed, totalBytes } = await store.evict(2 * 1024);
    expect(removed).toEqual([second]);
    expect(totalBytes).toBe(2 * 1024);
    expect(await store.readImage(second)).toBeNull();
    expect(await store.readImage(third)).not.toBeNull();
  });
});

describe('what may enter the cache', () => {
  it('neutralises a hostile SVG before it is stored or served', async () => {
    sandbox.control.setBrandingImage('gbol', 'square.svg', {
      contentType: 'image/svg+xml',
      body: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><script>fetch("https://evil.example/x")</script>' +
          '<image href="https://evil.example/p.png" width="1" height="1"/><rect width="10" height="10" fill="#13b5ea"/></svg>',
      ),
    });
    const folder = freshFolder();
    const { call, services } = startConsole(folder);
    const catalog = await call('integrations.list', {});
    const square = card(catalog, 'gbol').branding.logoSquare!;
    const stored = readFileSync(path.join(folder, 'images', fileOf(square.src)), 'utf8');
    expect(stored).toContain('<rect');
    expect(stored).not.toMatch(/script|onload|evil\.example/);
    expect((await services.brandingImage(fileOf(square.src)))?.bytes.toString()).toBe(stored);
  });

  it('refuses an image that is not one, says why on the card, and keeps the rest', async () => {
    sandbox.control.setBrandingImage('gbol', 'button.svg', {
      contentType: 'text/html',
      body: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    const catalog = await startConsole(freshFolder()).call('integrations.list', {});
    const xeroCard = card(catalog, 'gbol');
    expect(xeroCard.branding.buttonDefault).toBeNull();
    expect(xeroCard.branding.buttonHover).not.toBeNull();
    expect(xeroCard.brandingNote).toBe('The button could not be used: the server sent text/html, not an image.');
  });

  it('refuses absurdly shaped SVGs before parsing them, says why on the card, and keeps the platform’s other images', async () => {
    const svg = (inside: string) => ({
      contentType: 'image/svg+xml',
      body: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${inside}</svg>`),
    });
    // 2 000 nested groups (14 KB) took 2 s of main's time to sanitise; 6 000 rectangles are past the element limit.
    sandbox.control.setBrandingImage('gbol', 'full.svg', svg(`${'<g>'.repeat(2_000)}<rect/>${'</g>'.repeat(2_000)}`));
    sandbox.control.setBrandingImage('gbol', 'square.svg', svg('<rect width="1" height="1"/>'.repeat(6_000)));
    const catalog = await startConsole(freshFolder()).call('integrations.list', {});
    const xeroCard = card(catalog, 'gbol');
    expect(xeroCard.branding.logoFull).toBeNull();
    expect(xeroCard.branding.logoSquare).toBeNull();
    expect(xeroCard.branding.buttonDefault).not.toBeNull();
    expect(xeroCard.branding.buttonHover).not.toBeNull();
    expect(xeroCard.brandingNote).toBe(
      'The full logo could not be used: the SVG nests elements more than 100 deep. ' +
        'The square logo could not be used: the SVG has more than 5 000 elements.',
    );
    expect(card(catalog, 'qhyg').branding.logoFull).not.toBeNull();
  });

  it('stops reading an image as soon as it is over the size limit', async () => {
    sandbox.control.setBrandingImage('gbol', 'full.svg', {
      contentType: 'image/svg+xml',
      body: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(200_000)}</svg>`),
    });
    const xeroCard = card(await startConsole(freshFolder()).call('integrations.list', {}), 'gbol');
    expect(xeroCard.branding.logoFull).toBeNull();
    expect(xeroCard.brandingNote).toBe('The full logo could not be used: the image is over the 512 KB limit.');
    expect(xeroCard.branding.logoSquare).not.toBeNull();
  });

  it('falls back to the list’s logo when Codat has no branding for a platform', async () => {
    sandbox.control.addFault({ path: '/integrations/gbol/branding', status: 404 });
    const catalog = await startConsole(freshFolder()).call('integrations.list', {});
    const xeroCard = card(catalog, 'gbol');
    expect(xeroCard.brandingNote).toBe('Codat has no branding for this platform; its list logo is shown.');
    expect(xeroCard.branding.logoSquare).not.toBeNull();
    expect(xeroCard.branding.logoFull).toBeNull();
    expect(xeroCard.branding.buttonDefault).toBeNull();
  });
});

describe('offline', () => {
  it('serves the cache while Codat cannot be reached, and refreshes in the background when it is back', async () => {
    const own = await startTestSandbox({ companies: 5 });
    const port = Number(new URL(own.url).port);
    const folder = freshFolder();
    const target = { url: own.url, apiKey: own.apiKey };
    const online = await startConsole(folder, target).call('integrations.list', {});
    await own.close();

    const { call, attempt, changed, services } = startConsole(folder, target);
    const offline = await call('integrations.list', {});
    expect(offline.integrations).toEqual(online.integrations);
    // Every sandbox platform has a logo: each is served from the cache, none missing.
    for (const item of offline.integrations) {
      expect(item.logo, item.key).not.toBeNull();
      expect(await services.brandingImage(fileOf(item.logo!)), item.key).not.toBeNull();
    }
    const refreshed = await attempt('integrations.refresh', {});
    expect(refreshed).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(await call('codat.checkConnectivity', {})).toMatchObject({ online: false });
    const stillCached = await call('integrations.list', {});
    expect(stillCached).toMatchObject({ offline: true, cachedAt: online.cachedAt, lastError: { code: 'network' } });
    expect(stillCached.integrations).toEqual(online.integrations);

    clock += 60_000;
    const back = await startTestSandbox({ companies: 5, port, apiKey: own.apiKey });
    try {
      const caughtUp = changed((state) => !state.refreshing && !state.offline);
      expect(await call('codat.checkConnectivity', {})).toMatchObject({ online: true });
      expect(await caughtUp).toMatchObject({ lastError: null, cachedAt: new Date(clock).toISOString() });
      expect(back.control.requests().filter((entry) => entry.path.endsWith('/branding'))).toHaveLength(32);
    } finally {
      await back.close();
    }
  });
});
