/**
 * A file system that takes only a few bytes per write and says so (as a nearly full disk does): every file Linkdesk
 * writes must still come out whole. The writes are cut at the narrowest point, Node's own calls (`fs.writeSync`, and
 * `write` on the handles `fs/promises.open` gives), and nothing else of the file system is changed.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBrandingStore, type IndexFile } from '@main/branding/store';
import { acquireDataFolderLock, DataFolderInUse } from '@main/storage/data-lock';
import { createAuditLog } from '@main/services/audit';
import { createHandOverStore } from '@main/services/handovers-store';
import { createInboxStore } from '@main/services/inbox-store';
import { createFileSettingsStore } from '@main/storage/settings';
import { dataFilesEpoch as start, inboxIssues, settingsWithProfiles } from '@support/data-files';
import { aHandOver } from '@support/hand-overs';

/** At most this many bytes per write while `maxBytes` is set; `cut` counts the writes that were cut short. */
const shortWrites = vi.hoisted(() => ({ maxBytes: 0, cut: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const writeSync = (descriptor: number, data: string | NodeJS.ArrayBufferView, ...rest: unknown[]): number => {
    const bytes =
      typeof data === 'string' ? Buffer.from(data, (rest[1] as BufferEncoding | undefined) ?? 'utf8') : data;
    const offset = typeof data === 'string' ? 0 : ((rest[0] as number | undefined) ?? 0);
    const length =
      typeof data === 'string' ? bytes.byteLength : ((rest[1] as number | undefined) ?? bytes.byteLength - offset);
    const position = (typeof data === 'string' ? rest[0] : rest[2]) as number | null | undefined;
    const allowed = shortWrites.maxBytes > 0 ? Math.min(length, shortWrites.maxBytes) : length;
    if (allowed < length) shortWrites.cut += 1;
    return actual.writeSync(descriptor, bytes, offset, allowed, position);
  };
  return { ...actual, default: { ...actual, writeSync }, writeSync };
});

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open = async (...args: Parameters<typeof actual.open>) => {
    const handle = await actual.open(...args);
    const write = handle.write.bind(handle) as (
      buffer: Uint8Array,
      offset?: number,
      length?: number,
      position?: number | null,
    ) => Promise<{ bytesWritten: number; buffer: Uint8Array }>;
    handle.write = ((data: Uint8Array | string, offset?: number, length?: number, position?: number | null) => {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      const start = typeof data === 'string' ? 0 : (offset ?? 0);
      const wanted = typeof data === 'string' ? bytes.byteLength : (length ?? bytes.byteLength - start);
      const allowed = shortWrites.maxBytes > 0 ? Math.min(wanted, shortWrites.maxBytes) : wanted;
      if (allowed < wanted) shortWrites.cut += 1;
      return write(bytes, start, allowed, typeof data === 'string' ? null : position);
    }) as typeof handle.write;
    return handle;
  };
  return { ...actual, default: { ...actual, open }, open };
});

const profile = { name: 'Production', environment: 'production' as const, host: 'api.codat.io' };
const folder = (label: string) => mkdtempSync(path.join(tmpdir(), `linkdesk-short-writes-${label}-`));

beforeEach(() => {
  shortWrites.maxBytes = 7;
  shortWrites.cut = 0;
});
afterEach(() => {
  shortWrites.maxBytes = 0;
});

describe('a file system that writes a few bytes at a time', () => {
  it('still gets every audit record whole', () => {
    const directory = folder('audit');
    const log = createAuditLog({ directory, user: 'priya', redact: (text) => text });
    const companies = ['company-1', 'company-2', 'company-3'];
    for (const companyId of companies) {
      expect(
        log.record({ profile, action: 'company.create', target: { companyId }, result: { ok: true } }).written,
      ).toBe(true);
    }
    expect(shortWrites.cut).toBeGreaterThan(0);

    const { records, warnings } = log.read();
    expect(warnings).toEqual([]);
    expect(records.map((record) => record.target.companyId).reverse()).toEqual(companies);
    expect(readFileSync(path.join(directory, 'audit.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('still saves the whole settings file, every profile in it', () => {
    const directory = folder('settings');
    const saved = settingsWithProfiles(5);
    createFileSettingsStore(directory).write(saved);
    expect(shortWrites.cut).toBeGreaterThan(0);

    const reopened = createFileSettingsStore(directory);
    expect(reopened.notices).toEqual([]);
    expect(reopened.read()).toEqual(saved);
  });

  it('still writes the whole lock, so a second console is refused and told which one holds the folder', () => {
    const directory = folder('lock');
    const first = acquireDataFolderLock(directory, { host: 'browser console on port 5180' });
    expect(shortWrites.cut).toBeGreaterThan(0);
    try {
      expect(() => acquireDataFolderLock(directory, { host: 'browser console on port 5181' })).toThrow(DataFolderInUse);
      expect(() => acquireDataFolderLock(directory, { host: 'browser console on port 5181' })).toThrow(
        /browser console on port 5180/,
      );
    } finally {
      first.release();
    }
  });

  it('still saves every follow-up whole', async () => {
    const directory = folder('followups');
    const handOvers = Array.from({ length: 3 }, () => aHandOver(start));
    const problems: string[] = [];
    const store = createHandOverStore({ directory, now: () => start, onProblem: (message) => problems.push(message) });
    await store.update('training', () => handOvers);
    expect(store.problem()).toBeNull();
    expect(shortWrites.cut).toBeGreaterThan(0);

    const reopened = createHandOverStore({
      directory,
      now: () => start,
      onProblem: (message) => problems.push(message),
    });
    expect(await reopened.list('training')).toEqual(handOvers);
    expect(problems).toEqual([]);
  });

  it('still saves the whole issues inbox', async () => {
    const directory = folder('inbox');
    const problems: string[] = [];
    const store = createInboxStore({ directory, now: () => start, onProblem: (message) => problems.push(message) });
    const saved = await store.update('p1', (inbox) => ({ ...inbox, issues: inboxIssues(['a', 'b', 'c']) }));
    expect(store.problem()).toBeNull();
    expect(shortWrites.cut).toBeGreaterThan(0);

    const reopened = createInboxStore({ directory, now: () => start, onProblem: (message) => problems.push(message) });
    expect(await reopened.read('p1')).toEqual(saved);
    expect(problems).toEqual([]);
  });

  it('still caches whole branding files and images', async () => {
    const root = folder('branding');
    const problems: string[] = [];
    const store = createBrandingStore({ root, now: () => start, onProblem: (message) => problems.push(message) });
    const index: IndexFile = {
      version: 1,
      cachedAt: new Date(start).toISOString(),
      baseUrl: 'https://api.codat.io',
      keys: ['gbol', 'qhyg'],
      poweredBy: null,
    };
    const image = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
    await store.writeIndex('training', index);
    const imageName = await store.putImage(image, 'svg');
    expect(shortWrites.cut).toBeGreaterThan(0);

    const reopened = createBrandingStore({ root, now: () => start, onProblem: (message) => problems.push(message) });
    expect(await reopened.readIndex('training')).toEqual(index);
    expect((await reopened.readImage(imageName))?.bytes).toEqual(image);
    expect(problems).toEqual([]);
  });
});
