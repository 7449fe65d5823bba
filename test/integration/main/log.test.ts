/** The support log: what it records, and that no form of a key ever reaches it. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import { createFileLog, type FileLog } from '@main/log';
import { createRecordingOpener } from '@main/platform/node';
import { createRedactor } from '@main/security/redaction';
import { testPorts } from '@support/ports';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

const apiKey = 'support-log-live-key-7f3a9c1d';
let training: TestSandbox;
let codat: TestSandbox;
let services: MainServices;
let log: FileLog;
const opener = createRecordingOpener();
const call = async (operation: string, input: unknown) => {
  const result = await services.dispatcher({ isTrustedCaller: () => true })(operation, input, {
    frameUrl: null,
  });
  return result as { ok: boolean; value?: any; error?: any };
};

beforeAll(async () => {
  training = await startTestSandbox({ companies: 3 });
  codat = await startTestSandbox({ companies: 3, apiKey });
  const redactor = createRedactor();
  log = createFileLog({ directory: mkdtempSync(path.join(tmpdir(), 'linkdesk-logs-')), redact: redactor.redact });
  services = createMainServices(testPorts(training, { log, logDirectory: log.directory, opener }), {
    redactor,
    http: { retry: { retries: 1, initialDelayMs: 1, maxDelayMs: 5 } },
  });
});
afterAll(async () => {
  services.dispose();
  await Promise.all([training.close(), codat.close()]);
});

describe('the support log', () => {
  it('records profile switches, retries, rate limits and Codat errors with their correlation IDs, never a key', async () => {
    const saved = await call('profiles.save', {
      name: 'Live',
      baseUrl: codat.url,
      environment: 'production',
      apiKey,
    });
    expect(saved.ok).toBe(true);
    expect((await call('profiles.activate', { id: saved.value.id })).ok).toBe(true);

    codat.control.addFault({ path: '/companies', method: 'GET', status: 503, times: 1 });
    expect((await call('companies.search', { text: '' })).ok).toBe(true);
    codat.control.addFault({ path: '/companies', method: 'GET', status: 429, retryAfterSeconds: 120, times: 1 });
    expect((await call('companies.search', { text: '' })).error).toMatchObject({ code: 'rate_limited' });
    codat.control.addFault({ path: '/companies', method: 'POST', status: 402, times: 1 });
    const failed = await call('companies.create', { customerId: 'Logged Failure Ltd' });
    expect(failed.ok).toBe(false);

    // Whatever else writes to the console (a library, a careless line of ours) is captured and redacted too.
    const restore = log.captureConsole();
    try {
      console.warn(`[test] header was Basic ${Buffer.from(apiKey).toString('base64')}`);
      console.error(new Error(`refused ${encodeURIComponent(Buffer.from(apiKey).toString('base64'))}`));
    } finally {
      restore();
    }

    const text = readFileSync(log.file, 'utf8');
    expect(text).toMatch(/\[profiles\] now using Live \(production, 127\.0\.0\.1:\d+\)/);
    expect(text).toMatch(/\[codat\] GET \/companies: codat HTTP 503: .*retrying in \d+ ms \(retry 1 of 1\)/);
    expect(text).toMatch(/\[codat\] GET \/companies failed: rate_limited HTTP 429: .*Retry-After 120 s/);
    expect(text).toContain(`correlation ID ${failed.error.correlationId}`);
    expect(text).toContain('[test] header was Basic [redacted]');
    const base64 = Buffer.from(apiKey).toString('base64');
    for (const form of [
      apiKey,
      base64,
      base64.replace(/=+$/, ''),
      Buffer.from(apiKey).toString('base64url'),
      encodeURIComponent(base64),
    ])
      expect(text).not.toContain(form);
  });

  it('opens its folder from Help or Settings, and says where it is', async () => {
    expect(await call('system.openLogsFolder', {})).toEqual({
      ok: true,
      value: { opened: true, directory: log.directory },
    });
    expect(opener.opened).toContain(`folder:${log.directory}`);
  });
});
