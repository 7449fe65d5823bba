import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingOpener } from '../../src/main/platform/node';
import { startConsoleWebHost } from '../../src/web/host';

let rendererDir: string;
let host: Awaited<ReturnType<typeof startConsoleWebHost>>;
const opener = createRecordingOpener();

beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(tmpdir(), 'linkdesk-web-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Linkdesk</title>');
  host = await startConsoleWebHost({ port: 0, rendererDir, version: '1.0.0-test', opener });
});
afterAll(async () => {
  await host.close();
  await rm(rendererDir, { recursive: true, force: true });
});

function call(operation: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.origin}/bridge/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const withToken = { 'x-linkdesk-token': '' };

describe('web host', () => {
  beforeAll(() => {
    withToken['x-linkdesk-token'] = host.token;
  });

  it('listens on the loopback address only and prints a URL carrying the token', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the renderer with the strict CSP', async () => {
    const response = await fetch(`${host.origin}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('serves cached branding images to its own signed-in page only, inert even when opened as a page', async () => {
    const listed = (await (await call('integrations.list', {}, withToken)).json()) as {
      value: { integrations: { logo: string | null }[] };
    };
    const logo = listed.value.integrations.find((item) => item.logo)!.logo!;
    expect(logo).toMatch(/^\/branding-cache\/[0-9a-f]{64}\.svg$/);
    const image = await fetch(`${host.origin}${logo}`, { headers: withToken });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    expect(image.headers.get('content-security-policy')).toContain('sandbox');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await image.text()).toContain('<svg');
    expect((await fetch(`${host.origin}${logo}`)).status).toBe(404);
    const unknown = `/branding-cache/${'0'.repeat(64)}.svg`;
    expect((await fetch(`${host.origin}${unknown}`, { headers: withToken })).status).toBe(404);
    expect((await fetch(`${host.origin}/branding-cache/..%2F..%2Fsettings.json`, { headers: withToken })).status).toBe(
      404,
    );
  });

  it('refuses bridge calls without the token, or with a wrong one', async () => {
    const missing = await call('app.info', {});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await call('app.info', {}, { 'x-linkdesk-token': 'x'.repeat(host.token.length) });
    expect(wrong.status).toBe(401);
  });

  it('answers a bridge call with the token', async () => {
    const response = await call('app.info', {}, withToken);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      value: expect.objectContaining({
        host: 'web',
        version: '1.0.0-test',
        secretStorage: expect.objectContaining({ osKeychain: false }),
      }),
    });
  });

  it('swaps the URL token for an HttpOnly SameSite=Strict cookie that then authorises calls', async () => {
    const response = await fetch(host.url, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const answer = await call('app.info', {}, { cookie: cookie.split(';')[0] ?? '' });
    expect(answer.status).toBe(200);
    const refused = await fetch(`${host.origin}/?token=wrong`, { redirect: 'manual' });
    expect(refused.status).toBe(401);
  });

  it('refuses a call from another origin even when it carries the cookie', async () => {
    const response = await call('app.info', {}, { ...withToken, origin: 'https://evil.example' });
    expect(response.status).toBe(401);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        `${host.origin}/`,
        { headers: { host: `evil.example:${new URL(host.origin).port}` } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.once('error', reject);
      request.end();
    });
    expect(status).toBe(421);
  });

  it('explains bad requests', async () => {
    expect((await call('app.info', '{not json', withToken)).status).toBe(400);
    expect((await call('app.info', 'x'.repeat(1024 * 1024 + 10), withToken)).status).toBe(413);
    const plain = await fetch(`${host.origin}/bridge/app.info`, { method: 'POST', headers: withToken, body: '{}' });
    expect(plain.status).toBe(415);
    expect((await fetch(`${host.origin}/bridge/app.info`, { headers: withToken })).status).toBe(405);
    const unknown = await call('shell.exec', {}, withToken);
    expect(await unknown.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('Unknown operation') },
    });
  });

  it('vets openExternal through the same allow-list as the desktop app', async () => {
    const refused = await call('system.openExternal', { url: 'file:///etc/passwd' }, withToken);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const opened = await call('system.openExternal', { url: 'https://docs.codat.io/' }, withToken);
    expect(await opened.json()).toEqual({
      ok: true,
      value: { opened: true, by: 'system', url: 'https://docs.codat.io/' },
    });
    expect(opener.opened).toEqual(['https://docs.codat.io/']);
  });

  it('streams contract events to an authorised client only', async () => {
    expect((await fetch(`${host.origin}/events`)).status).toBe(401);
    const controller = new AbortController();
    const response = await fetch(`${host.origin}/events`, { headers: withToken, signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    // Wait until the stream is open before emitting, then read until the event arrives.
    while (!text.includes(': connected')) text += decoder.decode((await reader.read()).value);
    host.hub.emit('ui.command', { command: 'navigate', page: 'health' });
    const expected = 'event: ui.command\ndata: {"command":"navigate","page":"health"}\n\n';
    while (!text.includes(expected)) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    expect(text).toContain(expected);
    controller.abort();
  });
});
