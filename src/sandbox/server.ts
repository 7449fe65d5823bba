/**
 * The Linkdesk sandbox: a stateful local stand-in for https://api.codat.io.
 * `startSandbox({ port: 0, companies, seed, clock })` resolves to `{ url, apiKey, control, close }`.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { DataType, PullStatus } from '@shared/codat/schemas';
import { routeApi, type ApiContext } from './routes/router';
import { createSandboxClock, iso, type ClockOptions, type SandboxClock } from './clock';
import { CustomerSide, type BrandingImageOverride } from './customer';
import { CodatError, errorBody } from './errors';
import { applyRewrites, FaultTable, type ActiveFault, type FaultRule } from './faults';
import { createRandom } from './random';
import { DailyQuota } from './rate-limit';
import { seedWorld } from './seed';
import { SandboxState, type PullOutcomeRule } from './state';

export interface SandboxOptions {
  port?: number;
  /** Seeded companies (scenario companies first). Default 200. */
  companies?: number;
  seed?: number;
  /** A clock, or how to make one: `{ start, speed }` (speed 0 = manual, the default for tests). */
  clock?: SandboxClock | ClockOptions;
  /** The key the sandbox accepts. Default: a fresh random key on every start (no two runs or machines share one). */
  apiKey?: string;
  /** Requests per sandbox day before 429s. Default 100 000. */
  dailyQuota?: number;
  /** Companies allowed before 402 "Company limit exceeded". Default unlimited. */
  companyLimit?: number;
}

export interface RequestLogEntry {
  seq: number;
  method: string;
  /** Path and query, as sent. */
  path: string;
  /** The HTTP status sent, or what happened instead. */
  status: number | 'dropped' | 'hung';
  /** Sandbox time when it arrived. */
  at: string;
  fault?: string;
}

export interface SandboxControl {
  now(): string;
  advanceClock(ms: number): string;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  addFault(rule: FaultRule): string;
  removeFault(id: string): boolean;
  clearFaults(): void;
  faults(): ActiveFault[];
  setConnectorOnline(companyId: string, online: boolean): void;
  deauthorize(companyId: string, connectionId: string): void;
  setRateLimit(options: { dailyQuota?: number; remaining?: number }): void;
  rateLimit(): { dailyQuota: number; remaining: number; resetsAt: string };
  addPullOutcome(rule: PullOutcomeRule): void;
  clearPullOutcomes(): void;
  /** Ids of companies with exactly this name, in creation order. */
  companyIdsNamed(name: string): string[];
  /** Serve these bytes for `/branding/<key>/<file>` instead of the generated image; null restores it. */
  setBrandingImage(key: string, file: string, image: BrandingImageOverride | null): void;
  clearBrandingImages(): void;
}

export interface SandboxHandle {
  url: string;
  apiKey: string;
  /** Ready to send: `Basic base64(apiKey)`. */
  authorization: string;
  control: SandboxControl;
  close(): Promise<void>;
}

const maxBodyBytes = 1024 * 1024;

/** What one running sandbox holds: the world, what the tests control, the request log, and where it listens. */
interface RunningSandbox {
  clock: SandboxClock;
  state: SandboxState;
  faults: FaultTable;
  quota: DailyQuota;
  customer: CustomerSide;
  control: SandboxControl;
  expectedAuthorization: string;
  log: RequestLogEntry[];
  seq: number;
  /** Answers held open by a `hang` fault, ended when the sandbox closes. */
  hung: Set<http.ServerResponse>;
  /** The routes' view of the sandbox; its address is known once the server listens. */
  api: ApiContext;
  /** The Host names it answers to; none until it listens. */
  allowedHosts: string[];
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const seed = options.seed ?? 1;
  const clock = options.clock && 'now' in options.clock ? options.clock : createSandboxClock(options.clock ?? {});
  const state = new SandboxState(clock, createRandom(seed ^ 0x5eed));
  seedWorld(state, { companies: options.companies ?? 200, seed });
  const apiKey = options.apiKey ?? `sandbox${randomBytes(24).toString('hex')}`;
  const faults = new FaultTable();
  const quota = new DailyQuota(options.dailyQuota ?? 100_000, clock.now());
  const customer = new CustomerSide(state);
  const log: RequestLogEntry[] = [];
  const companyLimit = options.companyLimit ?? Number.POSITIVE_INFINITY;
  const sandbox: RunningSandbox = {
    clock,
    state,
    faults,
    quota,
    customer,
    control: createControl({ clock, state, faults, quota, customer, log }),
    expectedAuthorization: `Basic ${Buffer.from(apiKey).toString('base64')}`,
    log,
    seq: 0,
    hung: new Set(),
    api: { state, baseUrl: '', companyLimit },
    allowedHosts: [],
  };
  const sockets = new Set<Socket>();

  const server = http.createServer((request, response) => {
    void handleRequest(sandbox, request, response).catch((error: unknown) => {
      console.error('[sandbox] unexpected failure:', error);
      if (!response.headersSent) sendJson(response, 500, errorBody(500, 'The sandbox failed unexpectedly.'));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  sandbox.allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  sandbox.api = { state, baseUrl, companyLimit };
  const pruner = setInterval(() => customer.prune(), 60_000);
  pruner.unref();

  return {
    url: baseUrl,
    apiKey,
    authorization: sandbox.expectedAuthorization,
    control: sandbox.control,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(pruner);
        for (const response of sandbox.hung) response.destroy();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function createControl(
  sandbox: Pick<RunningSandbox, 'clock' | 'state' | 'faults' | 'quota' | 'customer' | 'log'>,
): SandboxControl {
  const { clock, state, faults, quota, customer, log } = sandbox;
  return {
    now: () => iso(clock.now()),
    advanceClock: (ms) => iso(clock.advance(ms)),
    requests: () => log.map((entry) => ({ ...entry })),
    clearRequests: () => void (log.length = 0),
    addFault: (rule) => faults.add(rule),
    removeFault: (id) => faults.remove(id),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    setConnectorOnline(companyId, online) {
      const company = state.companies.get(companyId);
      if (!company) throw new CodatError(404, `No company with ID ${companyId}`);
      state.setConnectorOnline(company, online);
    },
    deauthorize(companyId, connectionId) {
      const connection = state.companies.get(companyId)?.connections.find((candidate) => candidate.id === connectionId);
      if (!connection) throw new CodatError(404, `No connection ${connectionId} for company ${companyId}`);
      if (connection.status !== 'Linked')
        throw new CodatError(400, `Only a Linked connection can be deauthorised; it is ${connection.status}.`);
      state.deauthorize(connection);
    },
    setRateLimit: (limits) => quota.set(limits, clock.now()),
    rateLimit: () => quota.snapshot(clock.now()),
    addPullOutcome: (rule) => state.addOutcomeRule(rule),
    clearPullOutcomes: () => state.clearOutcomeRules(),
    setBrandingImage: (key, file, image) => customer.setBrandingImage(key, file, image),
    clearBrandingImages: () => customer.clearBrandingImages(),
    companyIdsNamed: (name) =>
      state.companyOrder.filter((company) => company.name === name).map((company) => company.id),
  };
}

/** Every request: the customer's pages (no key), then the key, then the control API or the Codat API. */
async function handleRequest(
  sandbox: RunningSandbox,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  // Only its own names: a DNS-rebinding page reaches us under a name it controls, and is refused here.
  if (!sandbox.allowedHosts.includes(request.headers.host ?? '')) {
    request.resume();
    response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request');
    return;
  }
  const url = new URL(request.url ?? '/', sandbox.api.baseUrl);
  const method = (request.method ?? 'GET').toUpperCase();
  const rawBody = await readBody(request).catch(() => null);
  if (rawBody === null) {
    sendJson(response, 413, errorBody(413, 'The request body is too large.'));
    return;
  }

  if (url.pathname === '/' && (method === 'GET' || method === 'HEAD')) {
    // Not an API route, and not logged: connectivity probes knock here.
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(method === 'HEAD' ? undefined : 'Linkdesk training sandbox. The control API is at /_sandbox/.\n');
    return;
  }
  if (url.pathname.startsWith('/link/') || url.pathname.startsWith('/branding/')) {
    const form = new URLSearchParams(method === 'POST' ? rawBody : '');
    const page = sandbox.customer.handle(method, url.pathname, url.searchParams, form);
    if (!page) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    response.writeHead(page.status, page.headers).end(method === 'HEAD' ? undefined : page.body);
    return;
  }

  if (request.headers.authorization !== sandbox.expectedAuthorization) {
    recordRequest(sandbox, method, url, 401);
    sendJson(response, 401, errorBody(401, 'Unauthorized: the API key is missing or not valid for this sandbox.'));
    return;
  }

  if (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/')) {
    controlApi(sandbox.control, method, url, rawBody, response);
    return;
  }
  await serveApi(sandbox, { request, response, method, url, rawBody });
}

interface ApiCall {
  request: http.IncomingMessage;
  response: http.ServerResponse;
  method: string;
  url: URL;
  rawBody: string;
}

/** A Codat API call: logged, then a matching fault, the daily quota, or the routes answer it. */
async function serveApi(sandbox: RunningSandbox, call: ApiCall): Promise<void> {
  const { request, response, method, url, rawBody } = call;
  const { clock, quota } = sandbox;
  const entry = recordRequest(sandbox, method, url, 0);
  const now = clock.now();
  const fault = sandbox.faults.take(method, url.pathname, url.searchParams);
  if (fault) entry.fault = describeFault(fault);
  if (fault?.latencyMs) await delay(fault.latencyMs);
  if (fault?.hang) {
    entry.status = 'hung';
    sandbox.hung.add(response);
    response.once('close', () => sandbox.hung.delete(response));
    return;
  }
  if (fault?.drop === 'before') {
    entry.status = 'dropped';
    request.socket.destroy();
    return;
  }
  const rateHeaders = () => quota.headers(clock.now());
  if (fault?.status !== undefined) {
    const headers: Record<string, string> = { ...rateHeaders() };
    if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
    entry.status = fault.status;
    sendJson(response, fault.status, errorBody(fault.status, injectedMessage(fault.status)), headers);
    return;
  }
  if (!quota.take(now)) {
    entry.status = 429;
    sendJson(response, 429, errorBody(429, 'Rate limit exceeded: the daily quota for this client is used up.'), {
      ...rateHeaders(),
      'Retry-After': String(quota.retryAfterSeconds(now)),
    });
    return;
  }

  const answered = answerRoute(sandbox.api, method, url, rawBody);
  const { status } = answered;
  let { body } = answered;
  if (fault?.drop === 'after') {
    entry.status = 'dropped';
    request.socket.destroy();
    return;
  }
  entry.status = status;
  if (fault?.malformed) {
    response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...rateHeaders() });
    response.end('{"results": [ {"id": "truncated');
    return;
  }
  if (body === undefined) {
    response.writeHead(status, rateHeaders()).end();
    return;
  }
  if (fault?.rewrite && status >= 200 && status < 300) {
    body = JSON.parse(JSON.stringify(body)) as unknown; // the answer as sent, never the sandbox's own records
    entry.fault = `${entry.fault}, ${applyRewrites(body, fault.rewrite)} changed`;
  }
  sendJson(response, status, body, rateHeaders());
}

/** What the routes answer, or the error Codat would send. */
function answerRoute(api: ApiContext, method: string, url: URL, rawBody: string): { status: number; body: unknown } {
  try {
    const parsed = rawBody.length > 0 ? parseJson(rawBody) : undefined;
    const answer = routeApi({ method, path: url.pathname, query: url.searchParams, body: parsed }, api);
    return { status: answer.status, body: answer.body };
  } catch (error) {
    if (!(error instanceof CodatError)) throw error;
    return { status: error.status, body: errorBody(error.status, error.message, error.validation) };
  }
}

function recordRequest(sandbox: RunningSandbox, method: string, url: URL, status: number): RequestLogEntry {
  const { log } = sandbox;
  const entry: RequestLogEntry = {
    seq: ++sandbox.seq,
    method,
    path: url.pathname + url.search,
    status,
    at: iso(sandbox.clock.now()),
  };
  log.push(entry);
  if (log.length > 50_000) log.splice(0, log.length - 50_000);
  return entry;
}

function controlApi(
  control: SandboxControl,
  method: string,
  url: URL,
  rawBody: string,
  response: http.ServerResponse,
): void {
  const path = url.pathname.replace(/^\/_sandbox/, '') || '/';
  try {
    const body = rawBody ? (parseJson(rawBody) as Record<string, unknown>) : {};
    const reply = (value: unknown) => sendJson(response, 200, value);
    if (method === 'GET' && path === '/') return reply(controlIndex);
    if (method === 'GET' && path === '/requests') return reply({ requests: control.requests() });
    if (method === 'DELETE' && path === '/requests') return reply({ cleared: true, ...(control.clearRequests(), {}) });
    if (method === 'GET' && path === '/faults') return reply({ faults: control.faults() });
    if (method === 'POST' && path === '/faults') return reply({ id: control.addFault(body as unknown as FaultRule) });
    if (method === 'DELETE' && path === '/faults') return reply({ cleared: true, ...(control.clearFaults(), {}) });
    const faultId = /^\/faults\/([^/]+)$/.exec(path)?.[1];
    if (method === 'DELETE' && faultId) return reply({ removed: control.removeFault(faultId) });
    if (method === 'GET' && path === '/clock') return reply({ now: control.now() });
    if (method === 'POST' && path === '/clock') return reply({ now: control.advanceClock(Number(body['advanceMs'])) });
    if (method === 'GET' && path === '/rate-limit') return reply(control.rateLimit());
    if (method === 'PUT' && path === '/rate-limit') {
      control.setRateLimit(body as { dailyQuota?: number; remaining?: number });
      return reply(control.rateLimit());
    }
    const connector = /^\/companies\/([^/]+)\/connector$/.exec(path)?.[1];
    if (method === 'PUT' && connector) {
      control.setConnectorOnline(connector, body['online'] === true);
      return reply({ companyId: connector, online: body['online'] === true });
    }
    const deauth = /^\/companies\/([^/]+)\/connections\/([^/]+)\/deauthorize$/.exec(path);
    if (method === 'POST' && deauth) {
      control.deauthorize(deauth[1]!, deauth[2]!);
      return reply({ status: 'Deauthorized' });
    }
    if (method === 'POST' && path === '/pull-outcomes') {
      control.addPullOutcome({
        ...(typeof body['companyId'] === 'string' ? { companyId: body['companyId'] } : {}),
        ...(typeof body['dataType'] === 'string' ? { dataType: body['dataType'] as DataType } : {}),
        status: body['status'] as PullStatus,
        ...(typeof body['errorMessage'] === 'string' ? { errorMessage: body['errorMessage'] } : {}),
        ...(typeof body['times'] === 'number' ? { times: body['times'] } : {}),
      });
      return reply({ added: true });
    }
    const brandingImage = /^\/branding\/([a-z]{4,5})\/([a-z-]+\.svg)$/.exec(path);
    if (method === 'PUT' && brandingImage) {
      const content = body['body'];
      if (typeof content !== 'string') throw new CodatError(400, 'Send {contentType, body, base64?}.');
      control.setBrandingImage(brandingImage[1]!, brandingImage[2]!, {
        contentType: typeof body['contentType'] === 'string' ? body['contentType'] : 'image/svg+xml',
        body: Buffer.from(content, body['base64'] === true ? 'base64' : 'utf8'),
      });
      return reply({ replaced: `${brandingImage[1]}/${brandingImage[2]}` });
    }
    if (method === 'DELETE' && path === '/branding')
      return reply({ cleared: true, ...(control.clearBrandingImages(), {}) });
    if (method === 'DELETE' && path === '/pull-outcomes')
      return reply({ cleared: true, ...(control.clearPullOutcomes(), {}) });
    sendJson(
      response,
      404,
      errorBody(404, `No sandbox control endpoint ${method} ${url.pathname}. GET /_sandbox/ lists them.`),
    );
  } catch (error) {
    const status = error instanceof CodatError ? error.status : 400;
    sendJson(response, status, errorBody(status, error instanceof Error ? error.message : String(error)));
  }
}

const controlIndex = {
  about: 'Linkdesk sandbox control API. Every call needs the same Authorization header as the Codat API.',
  endpoints: [
    'GET    /_sandbox/requests                 the request log (method, path, status, sandbox time, fault)',
    'DELETE /_sandbox/requests                 clear the log',
    'GET    /_sandbox/faults                   active fault rules',
    'POST   /_sandbox/faults                   add {path, method?, query?: {name: value}, every?, times?, latencyMs?, status?, retryAfterSeconds?, malformed?, drop?: before|after, hang?, rewrite?: [{at, value} | {at, remove: true}]}',
    'DELETE /_sandbox/faults[/{id}]            remove one or all',
    'GET    /_sandbox/clock                    sandbox time',
    'POST   /_sandbox/clock                    {advanceMs} move sandbox time forward',
    'GET    /_sandbox/rate-limit               quota and what is left',
    'PUT    /_sandbox/rate-limit               {dailyQuota?, remaining?}',
    'PUT    /_sandbox/companies/{id}/connector {online: boolean} the offline connector on the customer machine',
    'POST   /_sandbox/companies/{id}/connections/{id}/deauthorize   a Linked connection loses access',
    'POST   /_sandbox/pull-outcomes            {status, dataType?, companyId?, errorMessage?, times?} how the next pulls end',
    'DELETE /_sandbox/pull-outcomes            back to every pull completing',
    'PUT    /_sandbox/branding/{key}/{file}.svg {contentType?, body, base64?} serve these bytes as that branding image',
    'DELETE /_sandbox/branding                 back to the generated branding images',
  ],
};

function describeFault(fault: ActiveFault): string {
  const parts = [fault.id];
  if (fault.every) parts.push(`every ${fault.every}`);
  if (fault.latencyMs) parts.push(`latency ${fault.latencyMs}ms`);
  if (fault.status) parts.push(`status ${fault.status}`);
  if (fault.malformed) parts.push('malformed');
  if (fault.drop) parts.push(`drop ${fault.drop}`);
  if (fault.hang) parts.push('hang');
  if (fault.rewrite) parts.push(`rewrite ${fault.rewrite.map((change) => change.at).join(', ')}`);
  return parts.join(', ');
}

function injectedMessage(status: number): string {
  if (status === 429) return 'Rate limit exceeded (injected by the sandbox).';
  if (status === 402) return 'Payment Required: the account limit was reached (injected by the sandbox).';
  if (status === 503) return 'Codat is down for maintenance (injected by the sandbox).';
  if (status >= 500) return 'An internal error occurred (injected by the sandbox).';
  return `Request failed with status ${status} (injected by the sandbox).`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new CodatError(400, 'The request body is not valid JSON.', [
      { itemId: 'Request', message: 'The request body is not valid JSON.', validatorName: 'RequestValidator' },
    ]);
  }
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (size > maxBodyBytes) return;
      size += chunk.length;
      if (size > maxBodyBytes) reject(new Error('too large'));
      else chunks.push(chunk);
    });
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
  });
}

function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
