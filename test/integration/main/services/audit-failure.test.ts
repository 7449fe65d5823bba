/** What happens to a write that Codat accepted when the audit trail cannot be written (disk full, read-only folder). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import type { EventName } from '@shared/contract';
import { testPorts } from '@support/ports';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
let services: MainServices;
let auditDirectory: string;
const events: Array<{ event: EventName; payload: unknown }> = [];
const call = (operation: string, input: unknown) =>
  services.dispatcher({ isTrustedCaller: () => true })(operation, input, { frameUrl: null });

beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 5 });
  // A file where the audit folder should be: every append fails (ENOTDIR), as on a full or read-only disk.
  auditDirectory = path.join(mkdtempSync(path.join(tmpdir(), 'linkdesk-audit-blocked-')), 'audit');
  writeFileSync(auditDirectory, 'not a folder');
  services = createMainServices(testPorts(sandbox, { auditDirectory }), { http: { retry: { retries: 0 } } });
  services.hub.subscribe((event, payload) => events.push({ event, payload }));
});
afterAll(async () => {
  services.dispose();
  await sandbox.close();
});

describe('an audit trail that cannot be written', () => {
  it('does not turn a write Codat accepted into a failure, says so, and writes the record once it can', async () => {
    const created = await call('companies.create', { customerId: 'Audit Blocked Ltd' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Audit Blocked Ltd' } });
    expect(sandbox.control.companyIdsNamed('Audit Blocked Ltd')).toHaveLength(1);

    const status = events.filter((entry) => entry.event === 'audit.status').at(-1)?.payload;
    expect(status).toMatchObject({ pending: 1, problem: expect.stringMatching(/could not write the audit trail/) });
    expect(await call('app.info', {})).toMatchObject({ ok: true, value: { audit: { pending: 1 } } });
    // The record is not lost: it is listed, with a warning that it is not on disk yet.
    const listed = await call('audit.list', {});
    expect(listed).toMatchObject({
      ok: true,
      value: {
        records: [{ action: 'company.create', target: { companyName: 'Audit Blocked Ltd' } }],
        warnings: [expect.stringMatching(/1 record .*not .*written/)],
      },
    });

    // The folder works again: the next write brings the waiting record with it, in order.
    rmSync(auditDirectory);
    expect(await call('companies.create', { customerId: 'Audit Working Again Ltd' })).toMatchObject({ ok: true });
    expect(events.filter((entry) => entry.event === 'audit.status').at(-1)?.payload).toEqual({
      pending: 0,
      problem: null,
    });
    const after = (await call('audit.list', {})) as {
      ok: true;
      value: { records: Array<{ target: { companyName?: string } }>; warnings: string[] };
    };
    expect(after.value.warnings).toEqual([]);
    expect(after.value.records.map((record) => record.target.companyName)).toEqual([
      'Audit Working Again Ltd',
      'Audit Blocked Ltd',
    ]);
    // Both are on disk now, oldest first.
    const lines = readFileSync(path.join(auditDirectory, 'audit.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { target: { companyName: string } }).target.companyName)).toEqual([
      'Audit Blocked Ltd',
      'Audit Working Again Ltd',
    ]);
  });
});
