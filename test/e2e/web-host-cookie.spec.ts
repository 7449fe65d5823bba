/**
 * The console's access cookie reaches the console only. Browsers ignore ports when they pick cookies, so a
 * cookie set for 127.0.0.1 would go to every other program serving on 127.0.0.1; here another local server,
 * opened in the same browser after the console has loaded, must see no token at all.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, webHost } from './fixtures';

let other: http.Server;
const seenByOther: IncomingHttpHeaders[] = [];
test.beforeAll(async () => {
  other = http.createServer((request, response) => {
    seenByOther.push(request.headers);
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<title>Another local server</title>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
});
test.afterAll(() => new Promise<void>((resolve) => other.close(() => resolve())));

test('a server on another loopback port receives no access token after the console has loaded', async ({
  consolePage: page,
}) => {
  // The console is signed in: its cookie is in this browser's jar.
  const jar = await page.context().cookies();
  expect(jar.find((cookie) => cookie.name === 'linkdesk_token')).toMatchObject({
    value: webHost.token,
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    expires: -1, // a session cookie: gone when the browser closes
    domain: new URL(webHost.origin).hostname, // host-only, on the console's own name
  });

  // The browser's own navigations, so its cookie jar decides what the other server is sent.
  const { port } = other.address() as AddressInfo;
  for (const address of [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`]) {
    await page.goto(address);
    await expect(page).toHaveTitle('Another local server');
  }

  expect(seenByOther.length).toBeGreaterThanOrEqual(2);
  for (const headers of seenByOther) {
    expect(headers.cookie ?? '').not.toContain('linkdesk_token');
    expect(JSON.stringify(headers)).not.toContain(webHost.token);
  }
});

test('the console refuses to be opened at 127.0.0.1 or localhost, and sets no cookie there', async ({ page }) => {
  const { port } = new URL(webHost.origin);
  for (const name of ['127.0.0.1', 'localhost']) {
    const answer = await page.goto(`http://${name}:${port}/?token=${webHost.token}`);
    expect(answer?.status()).toBe(421);
    await expect(page.locator('body')).toContainText('Open the address that `npm run web` printed');
  }
  expect(await page.context().cookies()).toEqual([]);
});
