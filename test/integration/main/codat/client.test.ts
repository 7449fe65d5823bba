/** The Codat client against the real sandbox over HTTP, with each fault. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCodatApi, creationTagKey } from '@main/codat/api';
import {
  authorizationHeader,
  backoffDelay,
  createCodatHttp,
  defaultRetryPolicy,
  parseRetryAfter,
  type CodatHttpOptions,
} from '@main/codat/http';
import { q } from '@shared/codat/query';
import { companySchema } from '@shared/codat/schemas';
import { failureOf } from '@support/failure';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 260 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.control.clearFaults();
  sandbox.control.clearRequests();
});

/** A client whose waits are recorded and shortened, so tests see the policy without sitting through it. */
function clientFor(overrides: Partial<CodatHttpOptions> = {}) {
  const waits: number[] = [];
  const rateLimits: unknown[] = [];
  const http = createCodatHttp({
    baseUrl: sandbox.url,
    credential: sandbox.apiKey,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    onRateLimit: (info) => rateLimits.push(info),
    ...overrides,
  });
  return { api: createCodatApi(http), http, waits, rateLimits };
}

describe('auth header', () => {
  it('encodes a raw key and uses a pasted Basic header as it is', () => {
    expect(authorizationHeader('abc123')).toBe(`Basic ${Buffer.from('abc123').toString('base64')}`);
    expect(authorizationHeader('  Basic YWJjMTIz  ')).toBe('Basic YWJjMTIz');
    expect(authorizationHeader('basic YWJjMTIz')).toBe('Basic YWJjMTIz');
  });

  it('works against the sandbox either way', async () => {
    expect((await clientFor().api.profile()).name).toBe('Linkdesk Training Sandbox');
    expect((await clientFor({ credential: sandbox.authorization }).api.profile()).name).toBe(
      'Linkdesk Training Sandbox',
    );
  });
});

describe('retry policy', () => {
  it('backs off exponentially from 500 ms by 1.5, with jitter, capped at 60 s', () => {
    const fixed = (retry: number, r: number) => backoffDelay(retry, defaultRetryPolicy, () => r);
    expect([1, 2, 3].map((retry) => fixed(retry, 1))).toEqual([500, 750, 1125]);
    expect(fixed(1, 0)).toBe(250);
    expect(fixed(40, 1)).toBe(60_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-06-01T09:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Mon, 01 Jun 2026 09:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('the client with faults', () => {
  it('waits as Retry-After says on 429, then succeeds', async () => {
    const { api, waits } = clientFor();
    sandbox.control.addFault({ path: '/profile', status: 429, retryAfterSeconds: 2, times: 1 });
    expect((await api.profile()).name).toBe('Linkdesk Training Sandbox');
    expect(waits).toEqual([2000]);
  });

  it('retries a burst of 503s with growing waits, then succeeds', async () => {
    const { api, waits } = clientFor();
    sandbox.control.addFault({ path: '/companies', method: 'GET', status: 503, times: 3 });
    const page = await api.listCompanies({ pageSize: 5 });
    expect(page.results).toHaveLength(5);
    expect(waits).toEqual([375, 563, 844]);
    expect(sandbox.control.requests().map((entry) => entry.status)).toEqual([503, 503, 503, 200]);
  });

  it('gives up after its bounded attempts and reports Codat’s error with its correlationId', async () => {
    const { api } = clientFor({ retry: { retries: 2 } });
    sandbox.control.addFault({ path: '/profile', status: 500 });
    const failure = await failureOf(api.profile());
    expect(failure.error).toMatchObject({
      code: 'codat',
      status: 500,
      correlationId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(sandbox.control.requests()).toHaveLength(3);
  });

  it('does not wait for a Retry-After beyond its cap: it reports rate_limited with when to try again', async () => {
    const { api, waits } = clientFor();
    sandbox.control.setRateLimit({ remaining: 0 });
    try {
      const failure = await failureOf(api.profile());
      expect(failure.error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: expect.any(Number) });
      expect(failure.error.retryAfterMs).toBeGreaterThan(60_000);
      expect(waits).toEqual([]);
    } finally {
      sandbox.control.setRateLimit({ remaining: 100_000 });
    }
  });

  it('reports rate_limited with when to try again, not hang, when Codat answers 429 more times in a row than it retries', async () => {
    const { api, waits } = clientFor();
    // The third page of a listing keeps answering 429, each time saying to try again in 30 s.
    sandbox.control.addFault({
      path: '/companies',
      method: 'GET',
      query: { page: '3' },
      status: 429,
      retryAfterSeconds: 30,
      times: defaultRetryPolicy.retries + 2,
    });
    const pagesSeen: number[] = [];
    const listing = (async () => {
      for await (const page of api.pages((n) => api.listCompanies({ page: n, pageSize: 100 })))
        pagesSeen.push(page.pageNumber);
    })();
    const failure = await failureOf(listing);
    expect(failure.error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 30_000 });
    expect(pagesSeen).toEqual([1, 2]);
    // The first attempt and its 5 retries, each after the wait Codat asked for; then it stops.
    expect(waits).toEqual(Array.from({ length: defaultRetryPolicy.retries }, () => 30_000));
    expect(sandbox.control.requests().map((entry) => entry.status)).toEqual([
      200,
      200,
      ...Array.from({ length: defaultRetryPolicy.retries + 1 }, () => 429),
    ]);
  });

  it('never retries a 4xx other than 408 and 429', async () => {
    const { api } = clientFor();
    const failure = await failureOf(api.getCompany('00000000-0000-4000-8000-000000000000'));
    expect(failure.error).toMatchObject({ code: 'codat', status: 404, message: expect.stringContaining('No company') });
    expect(sandbox.control.requests()).toHaveLength(1);
  });

  it('creates exactly one company when the response to the create is dropped', async () => {
    const { api } = clientFor();
    sandbox.control.addFault({ path: '/companies', method: 'POST', drop: 'after', times: 1 });
    const company = await api.createCompany({ name: 'Dropped Response Ltd' });
    expect(company.name).toBe('Dropped Response Ltd');
    expect(company.tags?.[creationTagKey]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sandbox.control.companyIdsNamed('Dropped Response Ltd')).toEqual([company.id]);
    expect(sandbox.control.requests().map((entry) => `${entry.method} ${entry.status}`)).toEqual([
      'POST dropped',
      'GET 200',
    ]);
  });

  it('creates the company once more when the dropped create never took effect', async () => {
    const { api } = clientFor();
    sandbox.control.addFault({ path: '/companies', method: 'POST', drop: 'before', times: 1 });
    const company = await api.createCompany({ name: 'Dropped Request Ltd' });
    expect(sandbox.control.companyIdsNamed('Dropped Request Ltd')).toEqual([company.id]);
    expect(sandbox.control.requests().map((entry) => `${entry.method} ${entry.status}`)).toEqual([
      'POST dropped',
      'GET 200',
      'POST 200',
    ]);
  });

  it.each([
    ['garbles its answer after taking effect', { malformed: true }],
    ['drops the connection after taking effect', { drop: 'after' as const }],
    ['never answers (a timeout, before taking effect)', { hang: true }],
  ])('creates exactly one connection when its create %s', async (_name, fault) => {
    // A generous timeout: only the hung request may reach it, however busy the machine.
    const { api } = clientFor({ timeoutMs: 3_000 });
    const company = await api.createCompany({ name: 'Connection Recovery Ltd' });
    sandbox.control.clearRequests();
    sandbox.control.addFault({ path: `/companies/${company.id}/connections`, method: 'POST', times: 1, ...fault });
    const connection = await api.createConnection(company.id, 'gbol', []);
    expect(connection.integrationKey).toBe('gbol');
    const listed = await api.listConnections(company.id);
    expect(listed.results.map((c) => c.id)).toEqual([connection.id]);
    const creates = sandbox.control.requests().filter((entry) => entry.method === 'POST');
    // Where the first create took effect, no second one was sent; where it did not, exactly one more.
    expect(creates).toHaveLength('hang' in fault ? 2 : 1);
  });

  it('after a connection create that never took effect, one the company already had is not taken for the new one', async () => {
    const { api } = clientFor();
    const company = await api.createCompany({ name: 'Second Shop Ltd' });
    // A second Shopify store: commerce platforms, unlike accounting ones, may be connected more than once.
    const existing = await api.createConnection(company.id, 'fztf', []);
    sandbox.control.clearRequests();
    sandbox.control.addFault({
      path: `/companies/${company.id}/connections`,
      method: 'POST',
      times: 1,
      drop: 'before',
    });
    const connection = await api.createConnection(company.id, 'fztf', [existing.id]);
    expect(connection.id).not.toBe(existing.id);
    const listed = await api.listConnections(company.id);
    expect(listed.results.map((each) => each.id).sort()).toEqual([existing.id, connection.id].sort());
    expect(sandbox.control.requests().filter((entry) => entry.method === 'POST')).toHaveLength(2);
  });

  it('creates exactly one company when its create never answers (a timeout)', async () => {
    const { api } = clientFor({ timeoutMs: 3_000 });
    sandbox.control.addFault({ path: '/companies', method: 'POST', hang: true, times: 1 });
    const company = await api.createCompany({ name: 'Hung Create Ltd' });
    expect(sandbox.control.companyIdsNamed('Hung Create Ltd')).toEqual([company.id]);
    expect(sandbox.control.requests().map((entry) => `${entry.method} ${entry.status}`)).toEqual([
      'POST hung',
      'GET 200',
      'POST 200',
    ]);
  });

  it('explains malformed JSON instead of crashing', async () => {
    const { api } = clientFor();
    sandbox.control.addFault({ path: '/profile', malformed: true, times: 1 });
    const failure = await failureOf(api.profile());
    expect(failure.error).toMatchObject({
      code: 'bad_response',
      message: expect.stringContaining('GET /profile was not valid JSON'),
    });
  });

  it('names the field when a response has the wrong shape', async () => {
    const { http } = clientFor();
    const failure = await failureOf(http.request('GET', '/profile', companySchema));
    expect(failure.error.code).toBe('bad_response');
    expect(failure.error.message).toMatch(/id: /);
    expect(failure.error.details?.some((detail) => detail.startsWith('redirect'))).toBe(true);
  });

  it('times out a hung response with the path in the message and no key anywhere', async () => {
    const { api } = clientFor({ timeoutMs: 400 });
    sandbox.control.addFault({ path: '/companies/*', method: 'GET', hang: true, times: 1 });
    const failure = await failureOf(api.getCompany('00000000-0000-4000-8000-000000000000'));
    expect(failure.error).toMatchObject({ code: 'timeout' });
    expect(failure.error.message).toContain('GET /companies/00000000-0000-4000-8000-000000000000');
    const text = JSON.stringify(failure.error);
    expect(text).not.toContain(sandbox.apiKey);
    expect(text).not.toContain(sandbox.authorization.slice(6));
  });

  it('reports a server that cannot be reached as a network error', async () => {
    const http = createCodatHttp({
      baseUrl: 'http://127.0.0.1:9',
      credential: 'k',
      retry: { retries: 1 },
      sleep: async () => {},
    });
    const reachable: boolean[] = [];
    const failure = await failureOf(
      createCodatApi(
        createCodatHttp({
          baseUrl: 'http://127.0.0.1:9',
          credential: 'k',
          retry: { retries: 0 },
          onReachability: (r) => reachable.push(r),
        }),
      ).profile(),
    );
    expect(failure.error).toMatchObject({ code: 'network', message: expect.stringContaining('http://127.0.0.1:9') });
    expect(reachable).toEqual([false]);
    expect((await failureOf(createCodatApi(http).profile())).error.code).toBe('network');
  });

  it('publishes X-Rate-Limit-* figures', async () => {
    const { api, rateLimits } = clientFor();
    await api.profile();
    expect(rateLimits.at(-1)).toEqual({
      limit: 100_000,
      remaining: expect.any(Number),
      resetAt: '2026-06-02T00:00:00.000Z',
    });
  });

  it('keeps at most 4 requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    sandbox.control.addFault({ path: '/companies/*', method: 'GET', latencyMs: 40 });
    const ids = sandbox.control.companyIdsNamed('Scenario - Healthy Linked');
    const tracked = createCodatApi(createCodatHttp({ baseUrl: sandbox.url, credential: sandbox.apiKey }));
    const originalFetch = globalThis.fetch;
    globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        return await originalFetch(...args);
      } finally {
        inFlight -= 1;
      }
    };
    try {
      await Promise.all(Array.from({ length: 12 }, () => tracked.getCompany(ids[0]!)));
    } finally {
      globalThis.fetch = originalFetch;
    }
    expect(peak).toBe(4);
  });
});

describe('paging and queries', () => {
  it('walks every page until the last, and stops when cancelled', async () => {
    const { api } = clientFor();
    let seen = 0;
    let pages = 0;
    for await (const page of api.pages((n) => api.listCompanies({ page: n, pageSize: 50 }))) {
      seen += page.results.length;
      pages += 1;
    }
    expect(seen).toBeGreaterThanOrEqual(260);
    expect(pages).toBe(Math.ceil(seen / 50));
    const controller = new AbortController();
    const walked: number[] = [];
    await expect(
      (async () => {
        for await (const page of api.pages(
          (n) => api.listCompanies({ page: n, pageSize: 50, signal: controller.signal }),
          controller.signal,
        )) {
          walked.push(page.pageNumber);
          if (page.pageNumber === 2) controller.abort();
        }
      })(),
    ).rejects.toThrow();
    expect(walked).toEqual([1, 2]);
  });

  it('sends built queries encoded once, so values with spaces and & survive', async () => {
    const { api } = clientFor();
    await api.createCompany({ name: 'Smith & Sons Plumbing' });
    const found = await api.listCompanies({ query: q.contains('name', 'smith & sons'), pageSize: 10 });
    expect(found.results.map((company) => company.name)).toEqual(['Smith & Sons Plumbing']);
    expect(sandbox.control.requests().at(-1)?.path).toContain('query=name~smith%20%26%20sons');
    const grouped = await api.listCompanies({
      query: q.and(
        q.or(q.contains('name', 'Unlinked'), q.contains('name', 'Deauthorised')),
        q.contains('name', 'Scenario'),
      ),
    });
    expect(grouped.results.map((company) => company.name).sort()).toEqual([
      'Scenario - Deauthorised',
      'Scenario - Unlinked',
    ]);
  });
});
