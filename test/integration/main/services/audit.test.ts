import { fork } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAuditLog } from '@main/services/audit';
import type { AuditRecord } from '@shared/domain/audit';

const profile = { name: 'Production', environment: 'production', host: 'api.codat.io' };
const entry = (n: number): Omit<AuditRecord, 'id' | 'at' | 'user'> => ({
  profile,
  action: 'connection.unlink',
  target: { companyId: `company-${n}`, connectionId: `connection-${n}`, platformName: 'Xero' },
  result: { ok: true },
});

function freshLog(options: { maxFileBytes?: number; redact?: (text: string) => string } = {}) {
  const directory = mkdtempSync(path.join(tmpdir(), 'linkdesk-audit-'));
  return {
    directory,
    log: createAuditLog({ directory, user: 'priya', redact: options.redact ?? ((text) => text), ...options }),
  };
}

describe('audit log', () => {
  it('appends one JSON line per action and reads them newest first', () => {
    const { directory, log } = freshLog();
    log.append(entry(1));
    log.append({
      ...entry(2),
      result: { ok: false, code: 'codat', status: 500, message: 'Internal error', correlationId: 'abc123' },
    });
    const lines = readFileSync(path.join(directory, 'audit.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      user: 'priya',
      action: 'connection.unlink',
      target: { companyId: 'company-1' },
    });
    const { records, warnings } = log.read();
    expect(warnings).toEqual([]);
    expect(records.map((record) => record.target.companyId)).toEqual(['company-2', 'company-1']);
    expect(records[0]!.result).toEqual({
      ok: false,
      code: 'codat',
      status: 500,
      message: 'Internal error',
      correlationId: 'abc123',
    });
  });

  it('skips a torn last line after a crash, with a warning', () => {
    const { directory, log } = freshLog();
    log.append(entry(1));
    appendFileSync(path.join(directory, 'audit.jsonl'), '{"id":"x","at":"2026-');
    const { records, warnings } = log.read();
    expect(records).toHaveLength(1);
    expect(warnings).toEqual([expect.stringMatching(/last line of audit\.jsonl is incomplete/)]);
    log.append(entry(2)); // appending after a torn line still works, on a line of its own
    const after = log.read();
    expect(after.records.map((record) => record.target.companyId)).toEqual(['company-2', 'company-1']);
    expect(after.warnings).toEqual([expect.stringMatching(/Line 2 of audit\.jsonl is incomplete/)]);
  });

  it('rotates by size and keeps every record readable', () => {
    const { directory, log } = freshLog({ maxFileBytes: 600 });
    for (let n = 0; n < 12; n += 1) log.append(entry(n));
    expect(readdirSync(directory).length).toBeGreaterThan(2);
    expect(log.read().records).toHaveLength(12);
  });

  it('never writes a secret', () => {
    const { directory, log } = freshLog({ redact: (text) => text.replaceAll('sk_live_123', '[redacted]') });
    log.append({ ...entry(1), result: { ok: false, code: 'codat', message: 'key sk_live_123 refused' } });
    expect(readFileSync(path.join(directory, 'audit.jsonl'), 'utf8')).not.toContain('sk_live_123');
  });

  /** Runs `processes` node processes at once, each appending `appends` records to one folder. */
  async function appendFromProcesses(directory: string, processes: number, appends: number, maxFileBytes?: number) {
    const script = path.join(directory, 'append.mjs');
    const modulePath = path.resolve('src/main/services/audit.ts');
    const limit = maxFileBytes === undefined ? '' : `, maxFileBytes: ${maxFileBytes}`;
    writeFileSync(
      script,
      `const { createAuditLog } = await import(${JSON.stringify(modulePath)});
       const log = createAuditLog({ directory: ${JSON.stringify(directory)}, user: 'p' + process.pid, redact: (t) => t${limit} });
       for (let n = 0; n < ${appends}; n += 1) log.append({ profile: { name: 'P', environment: 'test', host: 'h' }, action: 'data.refreshAll', target: { companyId: 'c' + n }, result: { ok: true } });`,
    );
    await Promise.all(
      Array.from(
        { length: processes },
        () =>
          new Promise<void>((resolve, reject) => {
            const child = fork(script, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
            child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`append worker exited ${code}`))));
          }),
      ),
    );
    return createAuditLog({ directory, user: 'reader', redact: (t) => t }).read();
  }

  // Forked processes start slowly on a busy machine: these wait for them to finish, however long that takes.
  it('keeps every line whole under concurrent appends from several processes', { timeout: 120_000 }, async () => {
    const { records, warnings } = await appendFromProcesses(freshLog().directory, 4, 50);
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(200);
    expect(new Set(records.map((record) => record.user)).size).toBe(4);
  });

  it('loses no record when several processes rotate the same folder', { timeout: 120_000 }, async () => {
    const { directory } = freshLog();
    const { records, warnings } = await appendFromProcesses(directory, 3, 300, 200);
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(900);
    expect(readdirSync(directory).filter((name) => name.startsWith('audit-')).length).toBeGreaterThan(10);
  });
});

describe('audit records that cannot be written yet', () => {
  function blockedLog() {
    const parent = mkdtempSync(path.join(tmpdir(), 'linkdesk-audit-'));
    const directory = path.join(parent, 'audit');
    writeFileSync(directory, 'a file where the folder should be');
    const statuses: Array<{ pending: number; problem: string | null }> = [];
    let cleared: () => void = () => {};
    const allWritten = new Promise<void>((resolve) => (cleared = resolve));
    const log = createAuditLog({
      directory,
      user: 'priya',
      redact: (text) => text,
      retryDelaysMs: [1],
      onStatus: (status) => {
        statuses.push(status);
        if (status.pending === 0) cleared();
      },
    });
    return { directory, log, statuses, allWritten };
  }

  it('keeps them in order, says why, and writes them by itself once the folder works again', async () => {
    const { directory, log, statuses, allWritten } = blockedLog();
    try {
      expect(log.record(entry(1)).written).toBe(false);
      expect(log.record(entry(2)).written).toBe(false);
      expect(log.status()).toEqual({
        pending: 2,
        problem: expect.stringContaining('something that is not a folder is in the way'),
      });
      expect(statuses).toHaveLength(1);
      expect(() => log.append(entry(3))).toThrow();

      rmSync(directory);
      await allWritten;
      expect(statuses.at(-1)).toEqual({ pending: 0, problem: null });
      const lines = readFileSync(path.join(directory, 'audit.jsonl'), 'utf8').trim().split('\n');
      expect(lines.map((line) => (JSON.parse(line) as AuditRecord).target.companyId)).toEqual([
        'company-1',
        'company-2',
      ]);
    } finally {
      log.dispose();
    }
  });
});
