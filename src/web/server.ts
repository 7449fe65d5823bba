/**
 * The web host: main's services in plain Node, the renderer served to a browser on 127.0.0.1, the contract
 * bridged as `POST /bridge/<op>` plus server-sent events at `/events`. A random per-run token guards it:
 * the printed URL carries it once, the server swaps it for an HttpOnly SameSite=Strict cookie, and every
 * bridge or event request must present it (cookie, or the `X-Linkdesk-Token` header for scripts).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../main/bridge/dispatcher';
import type { EventHub } from '../main/bridge/events';
import { cachedImageHeaders, cachedImageName, type CachedImageFile } from '../main/branding/serve';
import { rendererSecurityHeaders } from '../main/security/csp';
import { readStaticFile } from '../main/static-files';

export const tokenCookie = 'linkdesk_token';
export const tokenHeader = 'x-linkdesk-token';
const maxBodyBytes = 1024 * 1024;
const heartbeatMs = 15_000;

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
  /** The origin, e.g. http://127.0.0.1:5180 */
  origin: string;
  /** The URL to open: carries the token once. */
  url: string;
  token: string;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sockets = new Set<import('node:net').Socket>();
  let origin = '';
  let allowedHosts: string[] = [];

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[web] request failed:', error);
      if (!response.headersSent) sendJson(response, 500, internalError('The console host failed.'));
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    // Refuse other Host names so a DNS-rebinding page cannot talk to us through a name it controls.
    if (!allowedHosts.includes(request.headers.host ?? '')) {
      response.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith('/bridge/')) return bridge(request, response, url);
    if (url.pathname === '/events') return eventStream(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const offered = url.searchParams.get('token');
    if (url.pathname === '/' && offered !== null) {
      // Swap the one-time URL token for a cookie and drop it from the address bar and history.
      if (!sameSecret(offered, token)) {
        response.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
        response.end('This link is not for this run of the console. Open the address `npm run web` printed.');
        return;
      }
      response.writeHead(303, {
        Location: '/',
        'Set-Cookie': `${tokenCookie}=${token}; Path=/; HttpOnly; SameSite=Strict`,
        'Cache-Control': 'no-store',
      });
      response.end();
      return;
    }
    const imageName = cachedImageName(url.pathname);
    if (imageName) return cachedImage(request, response, imageName);
    const file = await readStaticFile(options.rendererDir, url.pathname);
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

  async function cachedImage(request: http.IncomingMessage, response: http.ServerResponse, name: string) {
    const image = authorised(request) ? await options.brandingImage?.(name) : null;
    if (!image) {
      response.writeHead(404, { ...rendererSecurityHeaders, 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, cachedImageHeaders(image.contentType));
    response.end(request.method === 'HEAD' ? undefined : image.bytes);
  }

  function authorised(request: http.IncomingMessage): boolean {
    const presented = headerToken(request) ?? cookieToken(request.headers.cookie);
    if (presented === undefined || !sameSecret(presented, token)) return false;
    // A browser always names the page that sent a request; only our own pages may call.
    const from = request.headers.origin;
    return from === undefined || from === origin;
  }

  async function bridge(request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<void> {
    if (request.method !== 'POST') {
      response.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    if (!authorised(request)) {
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
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      request.resume();
      sendJson(response, 415, invalid('Send the request body as application/json.'));
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
    const operation = decodeURIComponent(url.pathname.slice('/bridge/'.length));
    const result = await options.dispatch(operation, input, { frameUrl: origin + '/' });
    sendJson(response, 200, result);
  }

  function eventStream(request: http.IncomingMessage, response: http.ServerResponse): void {
    if (request.method !== 'GET' || !authorised(request)) {
      response.writeHead(request.method !== 'GET' ? 405 : 401, { 'Content-Type': 'text/plain' });
      response.end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write(`: connected\nretry: 2000\n\n`);
    const unsubscribe = options.hub.subscribe((event, payload) => {
      response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), heartbeatMs);
    heartbeat.unref();
    request.once('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    origin,
    url: `${origin}/?token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
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
