/**
 * The web host: main's services in plain Node, the renderer served to a browser on the loopback addresses, the
 * contract bridged as `POST /bridge/<op>` plus server-sent events at `/events`. A random per-run token guards it:
 * the printed URL carries it once, the server swaps it for an HttpOnly SameSite=Strict session cookie, and every
 * bridge or event request must present it (cookie, or the `X-Linkdesk-Token` header for scripts).
 *
 * Browsers pick cookies by host name and ignore the port, so a cookie set for 127.0.0.1 or localhost would go to
 * every other program serving there. The console therefore answers only at a random name of its own,
 * `linkdesk-<random>.localhost` (browsers resolve `*.localhost` to loopback themselves), and its host-only cookie
 * goes to that name alone. Browsers try ::1 before 127.0.0.1 for such names, so it holds its port on both.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Dispatch } from '@main/bridge/dispatcher';
import type { EventHub } from '@main/bridge/events';
import { cachedImageHeaders, cachedImageName, type CachedImageFile } from '@main/branding/serve';
import { rendererSecurityHeaders } from '@main/security/csp';
import { readStaticFile } from '@main/static-files';
import { parseConsolePath, routeHashFor } from '@shared/links';

export const tokenCookie = 'linkdesk_token';
export const tokenHeader = 'x-linkdesk-token';
const maxBodyBytes = 1024 * 1024;
const heartbeatMs = 15_000;
/** One per open console tab; more than this is a runaway client, not a person. */
export const maxEventStreams = 16;

export interface WebHostOptions {
  port: number;
  rendererDir: string;
  dispatch: Dispatch;
  hub: EventHub;
  /** The branding cache's images, served at /branding-cache/<name> to signed-in pages. */
  brandingImage?(name: string): Promise<CachedImageFile | null>;
  /** Only for tests that must know it in advance; otherwise random per run. */
  token?: string;
}

export interface WebHost {
  /** The console's own origin, e.g. http://linkdesk-<random>.localhost:5180 */
  origin: string;
  /** The URL to open: carries the token once. */
  url: string;
  token: string;
  /** The listening sockets' real addresses: 127.0.0.1 and, where the machine has it, ::1, on one port. */
  listening: AddressInfo[];
  close(): Promise<void>;
}

/** One running host: what it was started with, its secret, the names it answers at, its open event streams. */
interface RunningHost {
  options: WebHostOptions;
  token: string;
  /** Known once it listens; until then it answers no name. */
  origin: string;
  ownHosts: string[];
  openEventStreams: number;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  // Lower-case hex: a valid DNS label, and what browsers send back in Host.
  const hostName = `linkdesk-${randomBytes(16).toString('hex')}.localhost`;
  const host: RunningHost = {
    options,
    token,
    origin: '',
    ownHosts: [],
    openEventStreams: 0,
  };
  const sockets = new Set<Socket>();

  const onRequest = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    handleRequest(host, request, response).catch((error: unknown) => {
      console.error('[web] request failed:', error);
      if (!response.headersSent) sendJson(response, 500, internalError('The console host failed.'));
      else response.destroy();
    });
  };
  const servers = [http.createServer(onRequest), http.createServer(onRequest)] as const;
  for (const server of servers) {
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
  }

  const listening = await listenOnLoopback(servers, options.port);
  const port = listening[0]!.port;
  host.origin = `http://${hostName}:${port}`;
  // Browsers leave the port out of Host when it is the scheme's default.
  host.ownHosts = port === 80 ? [hostName, `${hostName}:80`] : [`${hostName}:${port}`];
  return {
    origin: host.origin,
    url: `${host.origin}/?token=${host.token}`,
    token: host.token,
    listening,
    close: async () => {
      const closed = servers.filter((server) => server.listening).map((server) => closeServer(server));
      for (const socket of sockets) socket.destroy();
      await Promise.all(closed);
    },
  };
}

/** Every request: the host name first, then the bridge, the events, deep links, the token swap, images, the page. */
async function handleRequest(
  host: RunningHost,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  // Only the console's own name: 127.0.0.1 and localhost would put its cookie within reach of every other
  // local port, and any other name may be a DNS-rebinding page. The refusal does not say the name.
  if (!host.ownHosts.includes((request.headers.host ?? '').toLowerCase())) {
    request.resume();
    response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(
      "Linkdesk's console does not answer at this address. Open the address that `npm run web` printed " +
        '(http://linkdesk-….localhost:<port>/?token=…): the console answers at that name only, so that its access ' +
        'cookie never reaches other programs on this computer.',
    );
    return;
  }
  let url: URL;
  let pathname: string;
  try {
    url = new URL(request.url ?? '/', host.origin);
    pathname = decodeURIComponent(url.pathname);
  } catch {
    request.resume();
    sendJson(response, 400, invalid('The request path is not valid: check its percent-encoding.'));
    return;
  }
  if (url.pathname.startsWith('/bridge/')) return bridge(host, request, response, pathname.slice('/bridge/'.length));
  if (url.pathname === '/events') return eventStream(host, request, response);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  if (url.pathname === '/company' || url.pathname.startsWith('/company/')) return deepLink(host, request, response);
  const offered = url.searchParams.get('token');
  if (url.pathname === '/' && offered !== null) return swapTokenForCookie(host, response, offered);
  const imageName = cachedImageName(url.pathname);
  if (imageName) return cachedImage(host, request, response, imageName);
  const file = await readStaticFile(host.options.rendererDir, url.pathname);
  if (!file) {
    response.writeHead(404, { ...rendererSecurityHeaders, 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  response.writeHead(200, {
    ...rendererSecurityHeaders,
    'Content-Type': file.contentType,
    'Cache-Control': url.pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

/** Swaps the one-time URL token for a cookie and drops it from the address bar and history. */
function swapTokenForCookie(host: RunningHost, response: http.ServerResponse, offered: string): void {
  if (!sameSecret(offered, host.token)) {
    response.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('This link is not for this run of the console. Open the address `npm run web` printed.');
    return;
  }
  response.writeHead(303, {
    Location: '/',
    'Set-Cookie': `${tokenCookie}=${host.token}; Path=/; HttpOnly; SameSite=Strict`,
    'Cache-Control': 'no-store',
  });
  response.end();
}

/**
 * `/company/<id>[/connection/<id>]`: the desktop app's deep links, after the console's address. Only navigates:
 * a redirect to the page's own route for that company (`/#/companies/<id>…`). It does not sign anyone in by
 * itself: the bridge still wants the cookie, or the token given with the link once, exactly as at `/`.
 */
function deepLink(host: RunningHost, request: http.IncomingMessage, response: http.ServerResponse): void {
  // The path as sent: URL parsing would already have resolved `..` and `%2e%2e` segments away.
  const [rawPath = '', rawQuery] = (request.url ?? '').split(/\?(.*)/s, 2);
  const read = parseConsolePath(rawPath);
  if (!read.ok) {
    console.warn(`[deep-link] ignored ${rawPath.slice(0, 200)}: ${read.reason}`);
    response.writeHead(404, { ...rendererSecurityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(
      `This is not a Linkdesk link: ${read.reason} Links look like /company/<company ID> or ` +
        '/company/<company ID>/connection/<connection ID>.',
    );
    return;
  }
  const offered = new URLSearchParams(rawQuery ?? '').get('token');
  if (offered !== null && !sameSecret(offered, host.token)) {
    response.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('This link is not for this run of the console. Open the address `npm run web` printed.');
    return;
  }
  response.writeHead(303, {
    // Built from the parsed IDs alone, never from the request: nothing else can ride along.
    Location: `/${routeHashFor(read.target)}`,
    ...(offered !== null ? { 'Set-Cookie': `${tokenCookie}=${host.token}; Path=/; HttpOnly; SameSite=Strict` } : {}),
    'Cache-Control': 'no-store',
  });
  response.end();
}

async function cachedImage(
  host: RunningHost,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  name: string,
) {
  const image = authorised(host, request) ? await host.options.brandingImage?.(name) : null;
  if (!image) {
    response.writeHead(404, { ...rendererSecurityHeaders, 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  response.writeHead(200, cachedImageHeaders(image.contentType));
  response.end(request.method === 'HEAD' ? undefined : image.bytes);
}

function authorised(host: RunningHost, request: http.IncomingMessage): boolean {
  const presented = headerToken(request) ?? cookieToken(request.headers.cookie);
  if (presented === undefined || !sameSecret(presented, host.token)) return false;
  // A browser names the page that sent a request; only our own pages may call.
  const from = request.headers.origin;
  if (from !== undefined && from !== host.origin) return false;
  // It also says whether the request came from this very origin: a page on the same name but another port
  // is same-site, so its requests carry the cookie, yet it is not ours. (`none`: the user opened it.)
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

async function bridge(
  host: RunningHost,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  operation: string,
) {
  if (request.method !== 'POST') {
    response.writeHead(405, { Allow: 'POST' }).end();
    return;
  }
  if (!authorised(host, request)) {
    request.resume();
    sendJson(response, 401, {
      ok: false,
      error: {
        code: 'forbidden',
        message: 'This console session is not authorised. Open the address that `npm run web` printed.',
      },
    });
    return;
  }
  if (!isJsonMediaType(request.headers['content-type'])) {
    request.resume();
    sendJson(response, 415, invalid('Send the request body as application/json (UTF-8).'));
    return;
  }
  let body: string;
  try {
    body = await readBody(request);
  } catch {
    sendJson(response, 413, invalid('The request body is too large.'));
    return;
  }
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body);
  } catch {
    sendJson(response, 400, invalid('The request body is not valid JSON.'));
    return;
  }
  const result = await host.options.dispatch(operation, input, { frameUrl: host.origin + '/' });
  sendJson(response, 200, result);
}

function eventStream(host: RunningHost, request: http.IncomingMessage, response: http.ServerResponse): void {
  if (request.method !== 'GET' || !authorised(host, request)) {
    response.writeHead(request.method !== 'GET' ? 405 : 401, { 'Content-Type': 'text/plain' });
    response.end();
    return;
  }
  if (host.openEventStreams >= maxEventStreams) {
    response.writeHead(429, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(
      `Too many open console tabs: at most ${maxEventStreams} can follow live updates at once. Close a Linkdesk tab, then reload this one.`,
    );
    return;
  }
  host.openEventStreams += 1;
  response.once('close', () => (host.openEventStreams -= 1));
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  response.write(`: connected\nretry: 2000\n\n`);
  const unsubscribe = host.options.hub.subscribe((event, payload) => {
    response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), heartbeatMs);
  heartbeat.unref();
  request.once('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

/**
 * Listens on 127.0.0.1 and on ::1 with the same port, so that no other program can answer for the console's
 * name on either. A machine without an IPv6 loopback has nothing there for anyone. With port 0, a port that is
 * free on 127.0.0.1 but taken on ::1 is given up for another.
 */
async function listenOnLoopback(
  [ipv4, ipv6]: readonly [http.Server, http.Server],
  requestedPort: number,
): Promise<AddressInfo[]> {
  for (let attempt = 1; ; attempt++) {
    await listen(ipv4, requestedPort, '127.0.0.1');
    const { port } = ipv4.address() as AddressInfo;
    try {
      await listen(ipv6, port, '::1');
      return [ipv4.address() as AddressInfo, ipv6.address() as AddressInfo];
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') return [ipv4.address() as AddressInfo];
      await closeServer(ipv4);
      if (code !== 'EADDRINUSE' || requestedPort !== 0 || attempt === 5) throw error;
    }
  }
}

function listen(server: http.Server, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, address, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** `application/json`, optionally with `charset=utf-8`: nothing else is parsed as a bridge call. */
function isJsonMediaType(value: string | undefined): boolean {
  return /^application\/json[ \t]*(;[ \t]*charset[ \t]*=[ \t]*("utf-8"|utf-8)[ \t]*)?$/i.test(value ?? '');
}

function headerToken(request: http.IncomingMessage): string | undefined {
  const value = request.headers[tokenHeader];
  return typeof value === 'string' ? value : undefined;
}

function cookieToken(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === tokenCookie) return rest.join('=');
  }
  return undefined;
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (size > maxBodyBytes) return; // already refused; let the rest drain so the answer can be read
      size += chunk.length;
      if (size > maxBodyBytes) reject(new Error('too large'));
      else chunks.push(chunk);
    });
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
  });
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

function invalid(message: string) {
  return { ok: false, error: { code: 'invalid_input', message } };
}
function internalError(message: string) {
  return { ok: false, error: { code: 'internal', message } };
}
