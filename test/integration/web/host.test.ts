import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRecordingOpener } from '@main/platform/node';
import { startConsoleWebHost } from '@web/host';
import { cspProblems } from '@support/csp';
import { openWebHost, requestWebHost, type WebHostRequest } from '@support/web-host-client';

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

const port = () => Number(new URL(host.origin).port);
const get = (pathname: string, init: WebHostRequest = {}) => requestWebHost(`${host.origin}${pathname}`, init);
function call(operation: string, body: unknown, headers: Record<string, string> = {}) {
  return requestWebHost(`${host.origin}/bridge/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const withToken = { 'x-linkdesk-token': '' };

/** Whether this machine has an IPv6 loopback at all (containers sometimes do not). */
async function ipv6LoopbackAvailable(): Promise<boolean> {
  const probe = net.createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
}

describe('web host', () => {
  beforeAll(() => {
    withToken['x-linkdesk-token'] = host.token;
  });

  it('prints a URL on a random *.localhost name of its own, carrying the token', async () => {
    expect(host.origin).toMatch(/^http:\/\/linkdesk-[0-9a-f]{32}\.localhost:\d+$/);
    expect(host.url).toBe(`${host.origin}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
    const another = await startConsoleWebHost({ port: 0, rendererDir, version: '1.0.0-test' });
    await another.close();
    expect(new URL(another.origin).hostname).not.toBe(new URL(host.origin).hostname);
  });

  it('listens on the loopback addresses only, both of them, so no other program can answer for its name', async () => {
    // The sockets' real addresses, not the printed string.
    const addresses = host.listening.map(({ address }) => address).sort();
    expect(addresses).toEqual((await ipv6LoopbackAvailable()) ? ['127.0.0.1', '::1'] : ['127.0.0.1']);
    expect(new Set(host.listening.map((listening) => listening.port))).toEqual(new Set([port()]));
    // Browsers try ::1 first for *.localhost: nobody else may take the console's port there.
    if (await ipv6LoopbackAvailable()) {
      const squatter = net.createServer();
      const refused = await new Promise<string>((resolve) => {
        squatter.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        squatter.listen(port(), '::1', () => squatter.close(() => resolve('listening')));
      });
      expect(refused).toBe('EADDRINUSE');
    }
    // And it cannot be reached through any other address this machine has.
    const outside = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry && !entry.internal && !entry.address.startsWith('fe80'))
      .map((entry) => entry!.address);
    for (const address of outside) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = net.connect({ host: address, port: port() });
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
      });
      expect(reached, `reachable on ${address}`).toBe(false);
    }
  });

  it('does not start on a port another program already holds on ::1', async (context) => {
    if (!(await ipv6LoopbackAvailable())) return context.skip('this machine has no IPv6 loopback');
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '::1', resolve));
    try {
      const { port: taken } = squatter.address() as net.AddressInfo;
      await expect(startConsoleWebHost({ port: taken, rendererDir, version: '1.0.0-test' })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
      // The port is left free on 127.0.0.1 too: nothing half-started.
      const probe = net.createServer();
      await new Promise<void>((resolve, reject) => {
        probe.once('error', reject);
        probe.listen(taken, '127.0.0.1', resolve);
      });
      await new Promise((resolve) => probe.close(resolve));
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('answers at its own name only: 127.0.0.1, localhost and other names are refused without naming it', async () => {
    for (const name of [`127.0.0.1:${port()}`, `localhost:${port()}`, `evil.example:${port()}`, '[::1]']) {
      const answer = await get('/', { headers: { host: name } });
      expect(answer.status, name).toBe(421);
      expect(answer.text).toContain('Open the address that `npm run web` printed');
      expect(answer.text).not.toContain(new URL(host.origin).hostname);
      const bridge = await call('app.info', {}, { ...withToken, host: name });
      expect(bridge.status, name).toBe(421);
    }
    expect((await get('/')).status).toBe(200);
  });

  it('refuses a call from any other origin, 127.0.0.1 and localhost included, even with the token', async () => {
    for (const origin of ['https://evil.example', `http://127.0.0.1:${port()}`, `http://localhost:${port()}`]) {
      const response = await call('app.info', {}, { ...withToken, origin });
      expect(response.status, origin).toBe(401);
    }
    expect((await call('app.info', {}, { ...withToken, origin: host.origin })).status).toBe(200);
    // A browser names where a request came from; only the console's own pages may call.
    for (const site of ['same-site', 'cross-site']) {
      expect((await call('app.info', {}, { ...withToken, 'sec-fetch-site': site })).status, site).toBe(401);
      expect((await get('/events', { headers: { ...withToken, 'sec-fetch-site': site } })).status, site).toBe(401);
    }
    expect((await call('app.info', {}, { ...withToken, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('serves the renderer, and its not-found page, with exactly the strict CSP', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(cspProblems(page.headers['content-security-policy'] as string | undefined)).toEqual([]);
    const missing = await get('/assets/nothing-here.js');
    expect(missing.status).toBe(404);
    expect(cspProblems(missing.headers['content-security-policy'] as string | undefined)).toEqual([]);
  });

  it('serves cached branding images to its own signed-in page only, inert even when opened as a page', async () => {
    const listed = (await call('integrations.list', {}, withToken)).json() as {
      value: { integrations: { logo: string | null }[] };
    };
    const logo = listed.value.integrations.find((item) => item.logo)!.logo!;
    expect(logo).toMatch(/^\/branding-cache\/[0-9a-f]{64}\.svg$/);
    const image = await get(logo, { headers: withToken });
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/svg+xml');
    expect(image.headers['content-security-policy']).toContain('sandbox');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.text).toContain('<svg');
    expect((await get(logo)).status).toBe(404);
    const unknown = `/branding-cache/${'0'.repeat(64)}.svg`;
    expect((await get(unknown, { headers: withToken })).status).toBe(404);
    expect((await get('/branding-cache/..%2F..%2Fsettings.json', { headers: withToken })).status).toBe(404);
  });

  it('refuses bridge calls without the token, or with a wrong one', async () => {
    const missing = await call('app.info', {});
    expect(missing.status).toBe(401);
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await call('app.info', {}, { 'x-linkdesk-token': 'x'.repeat(host.token.length) });
    expect(wrong.status).toBe(401);
  });

  it('refuses a token that is only the start of the real one, or empty, as header, cookie or link', async () => {
    for (const partial of ['', host.token.slice(0, 1), host.token.slice(0, -1)]) {
      const label = `${partial.length} of ${host.token.length} characters`;
      expect((await call('app.info', {}, { 'x-linkdesk-token': partial })).status, label).toBe(401);
      expect((await call('app.info', {}, { cookie: `linkdesk_token=${partial}` })).status, label).toBe(401);
      expect((await get(`/?token=${encodeURIComponent(partial)}`)).status, label).toBe(401);
      const events = await openWebHost(`${host.origin}/events`, { headers: { 'x-linkdesk-token': partial } });
      events.destroy();
      expect(events.statusCode, label).toBe(401);
    }
  });

  it('answers a bridge call with the token', async () => {
    const response = await call('app.info', {}, withToken);
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({
      ok: true,
      value: expect.objectContaining({
        host: 'web',
        version: '1.0.0-test',
        secretStorage: expect.objectContaining({ osKeychain: false }),
      }),
    });
  });

  it('swaps the URL token for a session cookie, HttpOnly, SameSite=Strict, for its own name only', async () => {
    const response = await requestWebHost(host.url);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/');
    const cookie = response.headers['set-cookie']?.[0] ?? '';
    const [pair, ...attributes] = cookie.split(';').map((part) => part.trim());
    expect(pair).toBe(`linkdesk_token=${host.token}`);
    // No Domain (host-only: this exact name), no Max-Age or Expires (gone when the browser closes).
    expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
    const answer = await call('app.info', {}, { cookie: pair! });
    expect(answer.status).toBe(200);
    const refused = await get('/?token=wrong');
    expect(refused.status).toBe(401);
  });

  it('takes the deep-link paths /company/<id>[/connection/<id>] to the page’s own route, and nothing else', async () => {
    const company = '6b1c4c8e-2f3a-4d5e-9f60-7a8b9c0d1e2f';
    const connection = '0f9e8d7c-6b5a-4948-8372-615049382716';
    const toCompany = await get(`/company/${company.toUpperCase()}`);
    expect(toCompany.status).toBe(303);
    expect(toCompany.headers.location).toBe(`/#/companies/${company}`);
    expect(toCompany.headers['set-cookie']).toBeUndefined(); // no sign-in by itself
    const toConnection = await get(`/company/${company}/connection/${connection}`);
    expect(toConnection.headers.location).toBe(`/#/companies/${company}/connections/${connection}`);

    // With the run's token once, as the printed address carries it: the cookie as at `/`; a wrong token is refused.
    const withTheToken = await get(`/company/${company}?token=${host.token}`);
    expect(withTheToken.status).toBe(303);
    expect(withTheToken.headers['set-cookie']?.[0]).toMatch(/^linkdesk_token=.*HttpOnly/);
    expect((await get(`/company/${company}?token=wrong`)).status).toBe(401);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const path of [
      `/company/${company}/delete`,
      `/company/${company}/connection/${connection}/extra`,
      `/company/${company}%2Fconnection%2F${connection}`,
      `/company/..%2F..%2Fpackage.json`,
      '/company/not-an-id',
      '/company',
    ]) {
      const refused = await get(path);
      expect(refused.status, path).toBe(404);
      expect(refused.headers.location).toBeUndefined();
      expect(refused.text).toMatch(/^This is not a Linkdesk link: /);
    }
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual(
      Array.from({ length: 6 }, () => expect.stringMatching(/^\[deep-link\] ignored \/company/)),
    );
  });

  it('a deep link with the token sets the same cookie as the printed address: host-only, HttpOnly, SameSite=Strict', async () => {
    const company = '6b1c4c8e-2f3a-4d5e-9f60-7a8b9c0d1e2f';
    const answer = await get(`/company/${company}?token=${host.token}`);
    expect(answer.status).toBe(303);
    const [pair, ...attributes] = (answer.headers['set-cookie']?.[0] ?? '').split(';').map((part) => part.trim());
    expect(pair).toBe(`linkdesk_token=${host.token}`);
    expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
  });

  it('answers a malformed path with 400, never 500', async () => {
    const bridge = await call('%E0%A4%A', {}, withToken);
    expect(bridge.status).toBe(400);
    expect(bridge.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('percent-encoding') },
    });
    for (const pathname of ['/%E0%A4%A', '/assets/%C0', '/branding-cache/%', '/events%ZZ']) {
      expect((await get(pathname, { headers: withToken })).status, pathname).toBe(400);
    }
  });

  it('takes exactly application/json, with at most a UTF-8 charset', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"']) {
      expect((await call('app.info', {}, { ...withToken, 'content-type': type })).status, type).toBe(200);
    }
    for (const type of [
      'application/jsonfoo',
      'application/json-patch+json',
      'application/json; charset=latin1',
      'text/plain',
    ]) {
      const refused = await call('app.info', {}, { ...withToken, 'content-type': type });
      expect(refused.status, type).toBe(415);
      expect(refused.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('explains bad requests', async () => {
    expect((await call('app.info', '{not json', withToken)).status).toBe(400);
    expect((await call('app.info', 'x'.repeat(1024 * 1024 + 10), withToken)).status).toBe(413);
    const plain = await get('/bridge/app.info', { method: 'POST', headers: withToken, body: '{}' });
    expect(plain.status).toBe(415);
    expect((await get('/bridge/app.info', { headers: withToken })).status).toBe(405);
    const unknown = await call('shell.exec', {}, withToken);
    expect(unknown.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('Unknown operation') },
    });
  });

  it('vets openExternal through the same allow-list as the desktop app', async () => {
    const refused = await call('system.openExternal', { url: 'file:///etc/passwd' }, withToken);
    expect(refused.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const opened = await call('system.openExternal', { url: 'https://docs.codat.io/' }, withToken);
    expect(opened.json()).toEqual({
      ok: true,
      value: { opened: true, by: 'system', url: 'https://docs.codat.io/' },
    });
    expect(opener.opened).toEqual(['https://docs.codat.io/']);
  });

  it('streams contract events to an authorised client only', async () => {
    expect((await get('/events')).status).toBe(401);
    const stream = await openWebHost(`${host.origin}/events`, { headers: withToken });
    expect(stream.headers['content-type']).toMatch(/text\/event-stream/);
    stream.setEncoding('utf8');
    let text = '';
    const received = (wanted: string) =>
      new Promise<void>((resolve) => {
        const check = () => text.includes(wanted) && (stream.off('data', onData), resolve());
        const onData = (chunk: string) => ((text += chunk), check());
        stream.on('data', onData);
        check();
      });
    // Wait until the stream is open before emitting, then read until the event arrives.
    await received(': connected');
    host.hub.emit('ui.command', { command: 'navigate', page: 'health' });
    await received('event: ui.command\ndata: {"command":"navigate","page":"health"}\n\n');
    stream.destroy();
  });

  it('refuses the event stream to another origin, even with the token', async () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:1', `http://localhost:${port()}`]) {
      const refused = await openWebHost(`${host.origin}/events`, { headers: { ...withToken, origin } });
      expect(refused.statusCode, origin).toBe(401);
      refused.destroy();
    }
    const crossSite = await openWebHost(`${host.origin}/events`, {
      headers: { ...withToken, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.statusCode).toBe(401);
    crossSite.destroy();
  });

  it('keeps at most 16 event streams open; the next is refused with a reason until one closes', async () => {
    const open: http.IncomingMessage[] = [];
    try {
      for (let index = 0; index < 16; index++) {
        const stream = await openWebHost(`${host.origin}/events`, { headers: withToken });
        open.push(stream);
        expect(stream.statusCode).toBe(200);
      }
      const refused = await openWebHost(`${host.origin}/events`, { headers: withToken });
      if (refused.statusCode === 200) open.push(refused);
      expect(refused.statusCode).toBe(429);
      refused.setEncoding('utf8');
      let reason = '';
      for await (const chunk of refused) reason += chunk;
      expect(reason).toContain('Too many open console tabs');
      open.pop()!.destroy();
      // The host sees the closed stream on its own time; ask until it has.
      await vi.waitFor(async () => {
        const again = await openWebHost(`${host.origin}/events`, { headers: withToken });
        if (again.statusCode !== 200) again.destroy();
        else open.push(again);
        expect(again.statusCode).toBe(200);
      });
    } finally {
      for (const stream of open) stream.destroy();
    }
  });
});

describe('web host on a data folder', () => {
  it('keeps a redacted support log there, refuses a second console on the folder, and lets go when closed', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'linkdesk-web-data-'));
    const first = await startConsoleWebHost({ port: 0, rendererDir, version: '1.0.0-test', dataDir });
    try {
      expect(first.log.file).toBe(path.join(dataDir, 'logs', 'linkdesk.log'));
      await expect(startConsoleWebHost({ port: 0, rendererDir, version: '1.0.0-test', dataDir })).rejects.toThrow(
        /Another Linkdesk console \(browser console on port chosen at start, process \d+/,
      );
      const logsFolder = (
        await requestWebHost(`${first.origin}/bridge/system.openLogsFolder`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-linkdesk-token': first.token },
          body: '{}',
        })
      ).json();
      // A page cannot open a folder: it is told where the logs are.
      expect(logsFolder).toEqual({ ok: true, value: { opened: false, directory: path.join(dataDir, 'logs') } });
      first.log.warn(`[test] the run's token is ${first.token}`);
      const text = await readFile(first.log.file, 'utf8');
      expect(text).toMatch(/Linkdesk 1\.0\.0-test started \(browser console/);
      expect(text).not.toContain(first.token);
    } finally {
      await first.close();
    }
    const next = await startConsoleWebHost({ port: 0, rendererDir, version: '1.0.0-test', dataDir });
    await next.close();
  });
});
