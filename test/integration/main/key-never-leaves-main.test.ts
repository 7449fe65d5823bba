/**
 * The services as both hosts assemble them (createMainServices): whatever carries the active profile's key out of
 * main (a bridge answer, an event, an audit record) carries it redacted. The redactor's own tests prove it scrubs
 * every form of a key; these prove every way out is wired to it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import type { PlatformPorts } from '@main/ports';
import { testPorts } from '@support/ports';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let codat: TestSandbox;
let ports: PlatformPorts;
let services: MainServices;
const call = (operation: string, input: unknown) =>
  services.dispatcher({ isTrustedCaller: () => true })(operation, input, { frameUrl: null });

/** The key as it may turn up in text: raw, in a Basic header, URL-encoded. */
function keyForms(key: string): string[] {
  const base64 = Buffer.from(key).toString('base64');
  return [key, base64, base64.replace(/=+$/, ''), Buffer.from(key).toString('base64url'), encodeURIComponent(base64)];
}
function expectNoKey(text: string) {
  for (const form of keyForms(codat.apiKey)) expect(text).not.toContain(form);
  expect(text).toContain('[redacted]');
}

beforeAll(async () => {
  codat = await startTestSandbox({ companies: 3 });
  // The training profile is active: its key is the sandbox's, registered with the redactor when it starts.
  ports = testPorts(codat);
  services = createMainServices(ports, { http: { retry: { retries: 0 } } });
  expect(await call('companies.search', { text: '' })).toMatchObject({ ok: true });
});
afterAll(async () => {
  services.dispose();
  await codat.close();
});

describe('the key never leaves main', () => {
  it('a Codat answer that echoes the key reaches the page redacted', async () => {
    codat.control.addFault({
      path: '/companies',
      method: 'GET',
      times: 1,
      rewrite: [{ at: 'results.0.name', value: `Echo of ${codat.authorization}` }],
    });
    const answer = await call('companies.search', { text: '' });
    expect(answer).toMatchObject({ ok: true });
    expectNoKey(JSON.stringify(answer));
  });

  it('an event that carries the key reaches every listener redacted', () => {
    const seen: unknown[] = [];
    const unsubscribe = services.hub.subscribe((_event, payload) => seen.push(payload));
    try {
      services.hub.emit('integrations.changed', {
        cachedAt: null,
        stale: false,
        offline: true,
        refreshing: false,
        progress: null,
        lastError: { code: 'network', message: `Codat refused ${codat.authorization}` },
      });
    } finally {
      unsubscribe();
    }
    expect(seen).toHaveLength(1);
    expectNoKey(JSON.stringify(seen));
  });

  it('a write whose audit record would carry the key (pasted into a field) is written to disk redacted', async () => {
    const pasted = `Acme ${codat.apiKey}`;
    expect(await call('companies.create', { customerId: pasted })).toMatchObject({ ok: true });
    const files = await readdir(ports.auditDirectory);
    const written = (
      await Promise.all(files.map((file) => readFile(path.join(ports.auditDirectory, file), 'utf8')))
    ).join('');
    expect(written).toContain('company.create');
    expectNoKey(written);
  });
});
