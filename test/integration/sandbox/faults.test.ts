import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 20, dailyQuota: 1000 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.control.clearFaults();
  sandbox.control.clearRequests();
  sandbox.control.setRateLimit({ dailyQuota: 1000, remaining: 1000 });
});

/** A raw request, to see what happens to the connection itself. */
function rawRequest(method: string, path: string, body?: string): Promise<{ status: number | null; error?: string }> {
  return new Promise((resolve) => {
    const url = new URL(sandbox.url);
    const socket = net.connect(Number(url.port), url.hostname);
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('error', (error) => resolve({ status: null, error: error.message }));
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(data)?.[1];
      resolve(status ? { status: Number(status) } : { status: null, error: 'closed without an answer' });
    });
    const payload = body ?? '';
    socket.write(
      `${method} ${path} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${sandbox.authorization}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
    );
  });
}

describe('sandbox: rate limits', () => {
  it('sends X-Rate-Limit-* on every response', async () => {
    const answer = await sandbox.call('GET', '/profile');
    expect(answer.headers.get('x-rate-limit-limit')).toBe('1000');
    expect(answer.headers.get('x-rate-limit-remaining')).toBe('999');
    expect(answer.headers.get('x-rate-limit-reset')).toBe('2026-06-02T00:00:00.000Z');
    const error = await sandbox.call('GET', '/companies/00000000-0000-4000-8000-000000000000');
    expect(error.headers.get('x-rate-limit-remaining')).toBe('998');
  });

  it('answers 429 with Retry-After once the daily quota is used, until 00:00 UTC', async () => {
    sandbox.control.setRateLimit({ remaining: 1 });
    expect((await sandbox.call('GET', '/profile')).status).toBe(200);
    const limited = await sandbox.call('GET', '/profile');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    const retryAfter = Number(limited.headers.get('retry-after'));
    const nowMs = Date.parse(sandbox.control.now());
    expect(retryAfter).toBe(Math.ceil((Date.parse('2026-06-02T00:00:00.000Z') - nowMs) / 1000));
    sandbox.control.advanceClock(retryAfter * 1000);
    const renewed = await sandbox.call('GET', '/profile');
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get('x-rate-limit-remaining')).toBe('999');
  });
});

describe('sandbox: faults', () => {
  it('injects a status for a number of requests, then behaves again', async () => {
    sandbox.control.addFault({ method: 'GET', path: '/companies/*', status: 500, times: 2 });
    const id = sandbox.companyId('Scenario - Healthy Linked');
    expect((await sandbox.call('GET', `/companies/${id}`)).status).toBe(500);
    expect((await sandbox.call('GET', `/companies/${id}`)).status).toBe(500);
    expect((await sandbox.call('GET', `/companies/${id}`)).status).toBe(200);
    // A one-segment wildcard does not match deeper paths; ** does.
    sandbox.control.addFault({ path: '/companies/*', status: 503 });
    expect((await sandbox.call('GET', `/companies/${id}/connections`)).status).toBe(200);
    sandbox.control.clearFaults();
    sandbox.control.addFault({ path: '/companies/**', status: 503 });
    expect((await sandbox.call('GET', `/companies/${id}/connections`)).status).toBe(503);
  });

  it('injects 429 with Retry-After, and 402', async () => {
    sandbox.control.addFault({ path: '/profile', status: 429, retryAfterSeconds: 3, times: 1 });
    const limited = await sandbox.call('GET', '/profile');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    sandbox.control.addFault({ path: '/profile', status: 402, times: 1 });
    const payment = await sandbox.call('GET', '/profile');
    expect(payment.status).toBe(402);
    expect(payment.body.error).toMatch(/Payment Required/);
  });

  it('targets one page of a listing by its query parameters', async () => {
    sandbox.control.addFault({ path: '/companies', method: 'GET', query: { page: '3' }, status: 503 });
    const statusOf = async (search: string) => (await sandbox.call('GET', `/companies?${search}`)).status;
    expect(await statusOf('page=1&pageSize=5')).toBe(200);
    expect(await statusOf('page=2&pageSize=5')).toBe(200);
    expect(await statusOf('page=3&pageSize=5')).toBe(503);
    expect(await statusOf('pageSize=5&page=3&orderBy=name')).toBe(503);
    expect(await statusOf('page=30&pageSize=5')).toBe(200);
    expect(await statusOf('pageSize=5')).toBe(200);
  });

  it('spreads a fault out: every n-th matching request, the others answered normally or by the next rule', async () => {
    sandbox.control.addFault({ path: '/profile', status: 429, retryAfterSeconds: 1, every: 3, times: 2 });
    const statuses: number[] = [];
    for (let n = 0; n < 8; n += 1) statuses.push((await sandbox.call('GET', '/profile')).status);
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429, 200, 200]);
    expect(sandbox.control.requests()[2]).toMatchObject({ status: 429, fault: expect.stringContaining('every 3') });
    expect(sandbox.control.faults()).toEqual([]);

    // A request that is not the first rule's turn goes on to the next one.
    sandbox.control.addFault({ path: '/companies/*', method: 'GET', status: 503, every: 2 });
    sandbox.control.addFault({ path: '/companies/*', method: 'GET', status: 500 });
    const id = sandbox.companyId('Scenario - Healthy Linked');
    const next: number[] = [];
    for (let n = 0; n < 4; n += 1) next.push((await sandbox.call('GET', `/companies/${id}`)).status);
    expect(next).toEqual([500, 503, 500, 503]);
  });

  it('adds latency: the request is held before it is answered', async () => {
    // Long enough that the log is read while it is held, however busy the machine.
    sandbox.control.addFault({ path: '/profile', latencyMs: 3_000, times: 1 });
    const slow = sandbox.call('GET', '/profile');
    // While delayed, the request is logged with its fault but has no status yet.
    await expect
      .poll(() => sandbox.control.requests().at(-1))
      .toMatchObject({ path: '/profile', status: 0, fault: expect.stringContaining('latency 3000ms') });
    expect((await slow).status).toBe(200);
    expect(sandbox.control.requests().at(-1)?.status).toBe(200);
  });

  it('sends malformed JSON after the request took effect', async () => {
    sandbox.control.addFault({ path: '/companies', method: 'POST', malformed: true, times: 1 });
    const answer = await sandbox.call('POST', '/companies', { name: 'Malformed Answer Ltd' });
    expect(answer.status).toBe(200);
    expect(() => JSON.parse(answer.text)).toThrow();
    expect(sandbox.control.companyIdsNamed('Malformed Answer Ltd')).toHaveLength(1);
  });

  it('drops the connection before or after the request takes effect', async () => {
    sandbox.control.addFault({ path: '/companies', method: 'POST', drop: 'before', times: 1 });
    const before = await rawRequest('POST', '/companies', JSON.stringify({ name: 'Dropped Before Ltd' }));
    expect(before.status).toBeNull();
    expect(sandbox.control.companyIdsNamed('Dropped Before Ltd')).toHaveLength(0);
    sandbox.control.addFault({ path: '/companies', method: 'POST', drop: 'after', times: 1 });
    const after = await rawRequest('POST', '/companies', JSON.stringify({ name: 'Dropped After Ltd' }));
    expect(after.status).toBeNull();
    expect(sandbox.control.companyIdsNamed('Dropped After Ltd')).toHaveLength(1);
    expect(sandbox.control.requests().map((entry) => entry.status)).toEqual(['dropped', 'dropped']);
  });

  it('hangs a response until the client gives up', async () => {
    sandbox.control.addFault({ path: '/profile', hang: true, times: 1 });
    const controller = new AbortController();
    const pending = fetch(`${sandbox.url}/profile`, {
      headers: { Authorization: sandbox.authorization },
      signal: controller.signal,
    });
    // The log shows the request has arrived and is being held; then the client gives up.
    await expect.poll(() => sandbox.control.requests().at(-1)?.status).toBe('hung');
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect((await sandbox.call('GET', '/profile')).status).toBe(200);
  });

  it('rewrites the JSON answer: one record by a field, every item, an index, a removed field, nested values', async () => {
    const normal = (await sandbox.call('GET', '/integrations?pageSize=100')).body;
    sandbox.control.addFault({
      path: '/integrations',
      times: 1,
      rewrite: [
        { at: 'results[key=gbol].sourceType', value: 'Payroll' },
        { at: 'results.1.name', remove: true },
        { at: 'results.*.isBeta', value: 'perhaps' },
      ],
    });
    const rewritten = (await sandbox.call('GET', '/integrations?pageSize=100')).body;
    const xero = rewritten.results.find((integration: { key: string }) => integration.key === 'gbol');
    expect(xero.sourceType).toBe('Payroll');
    expect(rewritten.results[1]).not.toHaveProperty('name');
    expect(rewritten.results.every((integration: { isBeta: unknown }) => integration.isBeta === 'perhaps')).toBe(true);
    expect(rewritten.results).toHaveLength(normal.results.length);
    expect(sandbox.control.requests().at(-1)?.fault).toContain(`${1 + 1 + normal.results.length} changed`);
    // Only the answer changed, and only once: the next answer is the normal one again.
    expect((await sandbox.call('GET', '/integrations?pageSize=100')).body).toEqual(normal);

    const company = sandbox.companyId('Scenario - Sync Failing');
    expect((await sandbox.call('GET', `/companies/${company}/dataStatus`)).body.invoices).toHaveProperty(
      'latestSyncId',
    );
    sandbox.control.addFault({
      path: '/companies/*/dataStatus',
      times: 1,
      rewrite: [
        { at: 'invoices.currentStatus', value: 'Throttled' },
        { at: 'invoices.latestSyncId', remove: true },
      ],
    });
    const status = (await sandbox.call('GET', `/companies/${company}/dataStatus`)).body;
    expect(status.invoices.currentStatus).toBe('Throttled');
    expect(status.invoices).not.toHaveProperty('latestSyncId');

    sandbox.control.addFault({
      path: '/companies',
      times: 1,
      rewrite: [{ at: 'results.[id=nobody].name', value: 'x' }],
    });
    await sandbox.call('GET', '/companies');
    expect(sandbox.control.requests().at(-1)?.fault).toContain('0 changed');

    expect(() =>
      sandbox.control.addFault({ path: '/companies', rewrite: [{ at: 'results..name', value: 1 }] }),
    ).toThrow(/rewrite path/);
    expect(() => sandbox.control.addFault({ path: '/companies', rewrite: [{ at: 'results.0.name' }] })).toThrow(
      /value or remove/,
    );
  });

  it('logs every API request with its status, sandbox time and fault', async () => {
    sandbox.control.addFault({ path: '/webhooks', status: 503, times: 1 });
    await sandbox.call('GET', '/webhooks');
    await sandbox.call('GET', '/profile?x=1');
    expect(sandbox.control.requests()).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/webhooks',
        status: 503,
        at: sandbox.control.now(),
        fault: expect.stringContaining('status 503'),
      }),
      expect.objectContaining({ method: 'GET', path: '/profile?x=1', status: 200 }),
    ]);
  });
});

describe('sandbox: the control API over HTTP', () => {
  const control = (method: string, path: string, body?: unknown) => sandbox.call(method, `/_sandbox${path}`, body);

  it('lists itself, and needs the API key', async () => {
    const index = await control('GET', '/');
    expect(index.body.endpoints.length).toBeGreaterThan(5);
    expect((await fetch(`${sandbox.url}/_sandbox/`)).status).toBe(401);
  });

  it('drives faults, the clock, rate limits, connectors and the request log', async () => {
    const { body: added } = await control('POST', '/faults', { path: '/profile', status: 500, times: 1 });
    expect((await control('GET', '/faults')).body.faults).toEqual([
      expect.objectContaining({ id: added.id, status: 500 }),
    ]);
    expect((await sandbox.call('GET', '/profile')).status).toBe(500);
    expect((await control('GET', '/requests')).body.requests.at(-1)).toMatchObject({ path: '/profile', status: 500 });
    expect((await control('DELETE', '/requests')).status).toBe(200);
    expect((await control('GET', '/requests')).body.requests).toEqual([]);
    expect((await control('POST', '/faults', { path: 'no-slash' })).status).toBe(400);
    const { body: rewrite } = await control('POST', '/faults', {
      path: '/companies/*',
      method: 'GET',
      times: 1,
      rewrite: [{ at: 'dataConnections.*.status', value: 'Suspended' }],
    });
    const linked = sandbox.companyId('Scenario - Healthy Linked');
    expect((await sandbox.call('GET', `/companies/${linked}`)).body.dataConnections[0].status).toBe('Suspended');
    expect((await control('GET', '/faults')).body.faults.map((fault: { id: string }) => fault.id)).not.toContain(
      rewrite.id,
    );
    expect((await control('POST', '/faults', { path: '/companies', rewrite: [] })).status).toBe(400);
    const refusal = async (rule: unknown) => {
      const answer = await control('POST', '/faults', rule);
      return { status: answer.status, error: answer.body.error as string };
    };
    expect(await refusal({ path: '/companies', every: 0 })).toEqual({
      status: 400,
      error: expect.stringMatching(/^every must be a positive whole number/),
    });
    expect((await refusal({ path: '/companies', every: 2.5 })).error).toMatch(/^every must be/);
    expect((await refusal({ path: '/companies', every: '20' })).error).toMatch(/^every must be/);
    expect(await refusal({ path: '/companies', query: { page: 3 } })).toEqual({
      status: 400,
      error: expect.stringMatching(/^query must be an object of parameter names and text values/),
    });
    expect((await refusal({ path: '/companies', query: {} })).error).toMatch(/^query must be/);
    expect((await refusal({ path: '/companies', query: ['page'] })).error).toMatch(/^query must be/);
    expect(await refusal({ path: '/companies?page=3', status: 503 })).toEqual({
      status: 400,
      error: expect.stringMatching(/no query string: match parameters with query/),
    });
    expect(await refusal({ path: '/companies', evry: 20, status: 429 })).toEqual({
      status: 400,
      error: expect.stringMatching(/^A fault has no field evry;/),
    });
    expect((await refusal({ path: '/companies', status: 429, retryAfterSeconds: -1 })).error).toMatch(
      /^retryAfterSeconds must be/,
    );
    expect((await refusal({ path: '/companies', method: 7 })).error).toMatch(/^method must be/);
    expect((await control('GET', '/faults')).body.faults).toEqual([]);

    const before = Date.parse((await control('GET', '/clock')).body.now);
    const after = Date.parse((await control('POST', '/clock', { advanceMs: 60_000 })).body.now);
    expect(after - before).toBe(60_000);
    expect((await control('POST', '/clock', { advanceMs: -5 })).status).toBe(400);

    expect((await control('PUT', '/rate-limit', { dailyQuota: 10, remaining: 4 })).body).toMatchObject({
      dailyQuota: 10,
      remaining: 4,
    });

    const offline = sandbox.companyId('Scenario - Offline Connector Waiting');
    expect((await control('PUT', `/companies/${offline}/connector`, { online: true })).body).toEqual({
      companyId: offline,
      online: true,
    });
    expect(
      (await control('PUT', '/companies/00000000-0000-4000-8000-000000000000/connector', { online: true })).status,
    ).toBe(404);

    expect((await control('POST', '/pull-outcomes', { status: 'FetchError', times: 1 })).status).toBe(200);
    expect((await control('DELETE', '/pull-outcomes')).status).toBe(200);
    expect((await control('GET', '/nothing')).status).toBe(404);
  });
});
