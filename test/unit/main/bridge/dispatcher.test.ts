import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, isAppUrl, type Auditor, type Handlers } from '@main/bridge/dispatcher';
import { operationNames, operations } from '@shared/contract';
import { BridgeFailure } from '@shared/result';

const appOrigin = 'linkdesk://app';
const trusted = { frameUrl: `${appOrigin}/index.html` };

const goodInfo = {
  name: 'Linkdesk',
  version: '1.2.3',
  platform: 'linux',
  host: 'web' as const,
  activeProfile: null,
  secretStorage: { osKeychain: false, level: 'session_only' as const, explanation: 'memory only' },
  notices: [],
  audit: { pending: 0, problem: null },
};

const notUsed = () => {
  throw new Error('not used in this test');
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = Object.fromEntries(
    operationNames.map((name) => [
      name,
      operations[name].effect === 'write' ? { audit: notUsed, run: notUsed } : notUsed,
    ]),
  ) as unknown as Handlers;
  return {
    ...unused,
    'app.info': () => goodInfo,
    'system.openExternal': ({ url }) => ({ opened: true as const, by: 'system' as const, url }),
    ...overrides,
  };
}

function dispatcherWith(overrides: Partial<Handlers> = {}, options: { redact?: (s: string) => string } = {}) {
  const onUnexpectedError = vi.fn();
  const recorded: Array<Parameters<Auditor['record']>[0]> = [];
  const dispatch = createDispatcher(handlers(overrides), {
    isTrustedCaller: (caller) => isAppUrl(caller.frameUrl, [appOrigin]),
    auditor: { record: (entry) => recorded.push(entry) },
    onUnexpectedError,
    ...options,
  });
  return { dispatch, onUnexpectedError, recorded };
}

describe('dispatcher', () => {
  it('answers a valid call from our own frame with the handler’s value', async () => {
    const { dispatch } = dispatcherWith();
    await expect(dispatch('app.info', {}, trusted)).resolves.toEqual({ ok: true, value: goodInfo });
  });

  it.each([
    ['a foreign https frame', 'https://evil.example/index.html'],
    ['a file: frame', 'file:///tmp/index.html'],
    ['a look-alike custom scheme host', 'linkdesk://app.evil/index.html'],
    ['a null sender frame', null],
    ['an unparsable frame URL', 'not a url'],
  ])('refuses %s without running the handler', async (_name, frameUrl) => {
    const handler = vi.fn(() => goodInfo);
    const { dispatch } = dispatcherWith({ 'app.info': handler });
    const result = await dispatch('app.info', {}, { frameUrl });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses an unknown operation, including prototype names', async () => {
    const { dispatch } = dispatcherWith();
    for (const name of ['companies.nuke', '__proto__', 'constructor', 'toString']) {
      const result = await dispatch(name, {}, trusted);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!result.ok) expect(result.error.message).toContain('Unknown operation');
    }
  });

  it('rejects input that fails the contract and names the field', async () => {
    const opened = vi.fn(() => ({ opened: true as const, by: 'system' as const, url: 'x' }));
    const { dispatch } = dispatcherWith({ 'system.openExternal': opened });
    const cases: unknown[] = [
      undefined,
      null,
      'https://link.codat.io',
      { url: 42 },
      { url: '' },
      { url: 'x', extra: 1 },
    ];
    for (const input of cases) {
      const result = await dispatch('system.openExternal', input, trusted);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    const named = await dispatch('system.openExternal', { url: 42 }, trusted);
    expect(!named.ok && named.error.details?.[0]).toMatch(/^url: /);
    expect(opened).not.toHaveBeenCalled();
  });

  it('validates outputs too: a handler answering the wrong shape becomes an internal error', async () => {
    const { dispatch, onUnexpectedError } = dispatcherWith({
      'app.info': () => ({ ...goodInfo, host: 'mainframe' }) as unknown as typeof goodInfo,
    });
    const result = await dispatch('app.info', {}, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(!result.ok && result.error.details?.join()).toContain('host');
    expect(onUnexpectedError).toHaveBeenCalledOnce();
  });

  it('passes a BridgeFailure through with its code, status and correlationId', async () => {
    const { dispatch } = dispatcherWith({
      'app.info': () => {
        throw new BridgeFailure({ code: 'codat', message: 'No company', status: 404, correlationId: 'c0ffee' });
      },
    });
    await expect(dispatch('app.info', {}, trusted)).resolves.toEqual({
      ok: false,
      error: { code: 'codat', message: 'No company', status: 404, correlationId: 'c0ffee' },
    });
  });

  it('hides the text of unexpected errors and reports them to the log hook', async () => {
    const { dispatch, onUnexpectedError } = dispatcherWith({
      'app.info': async () => {
        throw new Error('ENOENT /home/me/secret-path');
      },
    });
    const result = await dispatch('app.info', {}, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret-path');
    expect(onUnexpectedError).toHaveBeenCalledWith('app.info', expect.any(Error));
  });

  it('runs every outgoing error message through the redactor', async () => {
    const { dispatch } = dispatcherWith(
      {
        'app.info': () => {
          throw new BridgeFailure({ code: 'codat', message: 'key sk_live_123 refused', details: ['sk_live_123'] });
        },
      },
      { redact: (text) => text.replaceAll('sk_live_123', '[redacted]') },
    );
    const result = await dispatch('app.info', {}, trusted);
    expect(JSON.stringify(result)).not.toContain('sk_live_123');
    expect(result).toMatchObject({ ok: false, error: { message: 'key [redacted] refused', details: ['[redacted]'] } });
  });
});

describe('writes', () => {
  const companyId = '11111111-1111-4111-8111-111111111111';
  const connectionId = '22222222-2222-4222-8222-222222222222';

  it('records a write that worked once, with its note and what the answer adds', async () => {
    const { dispatch, recorded } = dispatcherWith({
      'connections.unlink': {
        audit: () => ({
          target: { companyId, companyName: 'Acme' },
          after: (connection) => ({ target: { platformName: connection.platformName }, detail: 'done' }),
        }),
        run: () => ({ ...connection(), status: 'Unlinked' }),
      },
    });
    const result = await dispatch('connections.unlink', { companyId, connectionId }, trusted);
    expect(result).toMatchObject({ ok: true });
    expect(recorded).toEqual([
      {
        action: 'connection.unlink',
        target: { companyId, companyName: 'Acme', platformName: 'Xero' },
        detail: 'done',
        result: { ok: true },
      },
    ]);
  });

  it('records a write that failed once, with Codat’s status and correlation ID, and still answers the failure', async () => {
    const { dispatch, recorded } = dispatcherWith({
      'connections.delete': {
        audit: () => ({ target: { companyId } }),
        run: () => {
          throw new BridgeFailure({ code: 'codat', status: 500, message: 'boom', correlationId: 'abc' });
        },
      },
    });
    const result = await dispatch('connections.delete', { companyId, connectionId }, trusted);
    expect(result).toMatchObject({ ok: false, error: { status: 500, correlationId: 'abc' } });
    expect(recorded).toEqual([
      {
        action: 'connection.delete',
        target: { companyId },
        result: { ok: false, code: 'codat', message: 'boom', status: 500, correlationId: 'abc' },
      },
    ]);
  });

  it('goes ahead with a write whose note could not be made, and records it with what it has', async () => {
    const run = vi.fn(() => ({ deleted: true as const }));
    const { dispatch, recorded } = dispatcherWith({
      'companies.delete': {
        audit: () => {
          throw new Error('no names today');
        },
        run,
      },
    });
    expect(await dispatch('companies.delete', { companyId }, trusted)).toMatchObject({ ok: true });
    expect(run).toHaveBeenCalledTimes(1);
    expect(recorded).toEqual([{ action: 'company.delete', target: {}, result: { ok: true } }]);
  });

  it('records no act (it changes only Linkdesk’s own state), and a write once', async () => {
    const startScan = vi.fn(() => ({ ...scanState(), state: 'running' as const }));
    const { dispatch, recorded } = dispatcherWith({
      'health.startScan': startScan,
      'companies.delete': { audit: () => ({ target: { companyId } }), run: () => ({ deleted: true as const }) },
    });
    expect(await dispatch('health.startScan', {}, trusted)).toMatchObject({ ok: true });
    expect(startScan).toHaveBeenCalledTimes(1);
    expect(recorded).toEqual([]);
    expect(await dispatch('companies.delete', { companyId }, trusted)).toMatchObject({ ok: true });
    expect(recorded).toEqual([{ action: 'company.delete', target: { companyId }, result: { ok: true } }]);
  });

  it('refuses, when it is made, a write whose handler gives no audit note, and an act that gives one', () => {
    const run = () => ({ deleted: true as const });
    expect(() => dispatcherWith({ 'companies.delete': run as never })).toThrow(/companies\.delete is a write/);
    expect(() =>
      dispatcherWith({ 'health.startScan': { audit: () => ({ target: {} }), run: scanState } as never }),
    ).toThrow(/health\.startScan is an act/);
  });

  it('records no read, and no write that the input refused before it ran', async () => {
    const run = vi.fn();
    const { dispatch, recorded } = dispatcherWith({ 'companies.delete': { audit: () => ({ target: {} }), run } });
    await dispatch('app.info', {}, trusted);
    await dispatch('companies.delete', { companyId: 'not an id' }, trusted);
    expect(run).not.toHaveBeenCalled();
    expect(recorded).toEqual([]);
  });
});

function connection() {
  return {
    id: '22222222-2222-4222-8222-222222222222',
    integrationId: 'i',
    sourceId: 's',
    sourceType: 'Accounting',
    platformName: 'Xero',
    linkUrl: 'https://link.codat.io/x',
    status: 'Linked',
    created: '2026-01-01T00:00:00Z',
  };
}

describe('dispatcher answers', () => {
  it('are redacted too: a key that slipped into a successful answer never reaches the renderer', async () => {
    const { dispatch } = dispatcherWith(
      { 'app.info': () => ({ ...goodInfo, notices: ['Codat said: key sk_live_123 is fine'] }) },
      { redact: (text) => text.replaceAll('sk_live_123', '[redacted]') },
    );
    const result = await dispatch('app.info', {}, trusted);
    expect(result).toMatchObject({ ok: true, value: { notices: ['Codat said: key [redacted] is fine'] } });
  });
});

describe('isAppUrl', () => {
  it('accepts only exact origins', () => {
    expect(isAppUrl('linkdesk://app/index.html#/health', [appOrigin])).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5173/', ['http://127.0.0.1:5173'])).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5174/', ['http://127.0.0.1:5173'])).toBe(false);
    expect(isAppUrl('linkdesk://user:pw@app/', [appOrigin])).toBe(false);
    expect(isAppUrl('', [appOrigin])).toBe(false);
    expect(isAppUrl(undefined, [appOrigin])).toBe(false);
  });
});

function scanState() {
  return {
    scanId: 'scan-1',
    state: 'finished' as const,
    startedAt: '2024-05-01T09:00:00.000Z',
    finishedAt: null,
    companiesScanned: 0,
    totalCompanies: null,
    requestsUsed: 0,
    closerLooks: 0,
    reused: 0,
    rateLimitRemaining: null,
    issuesFound: 0,
  };
}
