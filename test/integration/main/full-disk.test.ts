/**
 * The data folder on a real disk that fills up (a small tmpfs), as an operator tried it: a write that gets part-way
 * before the disk is full must neither pass for written nor leave half a file where a good one was. The audit record
 * waits and is written whole once space returns; settings and the per-profile stores keep their last good file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBrandingStore, type IndexFile } from '@main/branding/store';
import { createMainServices, type MainServices } from '@main/composition';
import type { AuditStatus } from '@main/services/audit';
import { createHandOverStore } from '@main/services/handovers-store';
import { createInboxStore } from '@main/services/inbox-store';
import { createFileSettingsStore, SettingsWriteError } from '@main/storage/settings';
import type { EventName } from '@shared/contract';
import type { AuditRecord } from '@shared/domain/audit';
import { dataFilesEpoch as start, inboxIssues, settingsWithProfiles } from '@support/data-files';
import { aHandOver } from '@support/hand-overs';
import { testPorts } from '@support/ports';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { mountSmallDisk, smallDiskUnavailable, type SmallDisk } from '@support/small-disk';

const unavailable = smallDiskUnavailable();
/** Room left on the disk for the writes that must fail part-way: one page, less than any file written below. */
const roomForPart = 4096;

describe.skipIf(unavailable !== null)(
  `a data folder on a full disk${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let disk: SmallDisk;
    beforeAll(() => {
      const mounted = mountSmallDisk(1024 * 1024);
      if (typeof mounted === 'string') throw new Error(mounted);
      disk = mounted;
    });
    afterEach(() => disk?.free());
    afterAll(() => disk?.unmount());

    describe('company creates while the disk fills', () => {
      let sandbox: TestSandbox;
      let services: MainServices;
      const statuses: AuditStatus[] = [];
      const auditDirectory = () => path.join(disk.folder, 'audit');
      const call = (operation: string, input: unknown) =>
        services.dispatcher({ isTrustedCaller: () => true })(operation, input, { frameUrl: null });

      beforeAll(async () => {
        sandbox = await startTestSandbox({ companies: 5 });
        services = createMainServices(testPorts(sandbox, { auditDirectory: auditDirectory() }), {
          http: { retry: { retries: 0 } },
        });
        services.hub.subscribe((event: EventName, payload) => {
          if (event === 'audit.status') statuses.push(payload as AuditStatus);
        });
      });
      afterAll(async () => {
        services?.dispose();
        await sandbox?.close();
      });

      it('answers every create, keeps the record being written when the disk filled, and writes each exactly once when space returns', async () => {
        const created: string[] = [];
        const create = async (name: string) => {
          expect(await call('companies.create', { customerId: name })).toMatchObject({ ok: true, value: { name } });
          created.push(name);
        };
        const customer = (n: number) => `Full Disk Customer ${String(n).padStart(2, '0')}`;
        const trail = path.join(auditDirectory(), 'audit.jsonl');
        const lines = () => readFileSync(trail, 'utf8').split('\n').slice(0, -1);
        // Room left in the trail's last page (already the file's): a longer line gets part-way, then no further.
        const roomInLastPage = () => statSync(trail).blocks * 512 - statSync(trail).size;
        const lineLength = () => Buffer.byteLength(`${lines().at(-1)}\n`);

        // While there is space: until the next line fits only in part (the lines are all of one length).
        let n = 0;
        do await create(customer(++n));
        while (!(roomInLastPage() > 0 && roomInLastPage() < lineLength()) && n < 60);
        expect(roomInLastPage()).toBeLessThan(lineLength());

        const beforeFull = readFileSync(trail, 'utf8');
        disk.fill();
        const writtenBeforeFull = n;
        while (n < writtenBeforeFull + 10) await create(customer(++n));

        // Every action happened, so every record is listed: on disk, or waiting.
        const listed = (await call('audit.list', {})) as { ok: true; value: { records: AuditRecord[] } };
        expect(listed.value.records.map((record) => record.target.companyName).reverse()).toEqual(created);
        expect(await call('app.info', {})).toMatchObject({ ok: true, value: { audit: { pending: 10 } } });
        // The line that got part-way was taken back: the trail is as it was when the disk filled.
        expect(readFileSync(trail, 'utf8')).toBe(beforeFull);
        expect(lines()).toHaveLength(writtenBeforeFull);

        // Space returns: the next action writes the waiting records first, in order.
        disk.free();
        await create('Space Back Ltd');
        expect(statuses.at(-1)).toEqual({ pending: 0, problem: null });
        expect(lines().map(companyNameOrTorn)).toEqual(created);
        const after = (await call('audit.list', {})) as { ok: true; value: { warnings: string[] } };
        expect(after.value.warnings).toEqual([]);
      });
    });

    it('refuses a settings save while the disk is full and keeps every profile of the file it had', () => {
      const directory = path.join(disk.folder, 'settings');
      const file = path.join(directory, 'settings.json');
      const store = createFileSettingsStore(directory);
      const saved = settingsWithProfiles(40);
      store.write(saved);
      const good = readFileSync(file);
      expect(good.length).toBeGreaterThan(2 * roomForPart);

      disk.fill(roomForPart);
      let refusal: unknown;
      try {
        store.write({ ...saved, activeProfileId: 'profile-2' });
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(SettingsWriteError);
      expect((refusal as SettingsWriteError).error.message).toMatch(
        /could not save its settings to .*settings\.json \(no space left on device, ENOSPC\)\. Nothing was changed\./,
      );
      expect(readFileSync(file)).toEqual(good);
      expect(readdirSync(directory)).toEqual(['settings.json']);
      expect(store.read()).toEqual(saved);
      const reopened = createFileSettingsStore(directory);
      expect(reopened.notices).toEqual([]);
      expect(reopened.read()).toEqual(saved);

      disk.free();
      store.write({ ...saved, activeProfileId: 'profile-2' });
      expect(createFileSettingsStore(directory).read()).toEqual({ ...saved, activeProfileId: 'profile-2' });
    });

    it('keeps follow-ups in memory while the disk is full, the file as it was, and writes them whole when space returns', async () => {
      const directory = path.join(disk.folder, 'followups');
      const file = path.join(directory, 'training.json');
      const problems: string[] = [];
      const store = createHandOverStore({
        directory,
        now: () => start,
        onProblem: (message) => problems.push(message),
      });
      await store.update('training', () => [aHandOver(start)]);
      const good = readFileSync(file, 'utf8');

      disk.fill(roomForPart);
      const more = Array.from({ length: 30 }, () => aHandOver(start));
      expect(JSON.stringify(more).length).toBeGreaterThan(2 * roomForPart);
      expect(await store.update('training', (handOvers) => [...handOvers, ...more])).toHaveLength(31);
      expect(store.problem()).toMatch(
        /could not save its follow-ups to .*training\.json \(no space left on device, ENOSPC\)/,
      );
      expect(problems).toHaveLength(1);
      expect(readFileSync(file, 'utf8')).toBe(good);
      expect(readdirSync(directory)).toEqual(['training.json']);
      expect(await store.list('training')).toHaveLength(31);

      disk.free();
      const all = await store.update('training', (handOvers) => [...handOvers, aHandOver(start)]);
      expect(store.problem()).toBeNull();
      const reopened = createHandOverStore({
        directory,
        now: () => start,
        onProblem: (message) => problems.push(message),
      });
      expect((await reopened.list('training')).map((handOver) => handOver.id)).toEqual(
        all.map((handOver) => handOver.id),
      );
      expect(problems).toHaveLength(1);
    });

    it('keeps the issues inbox in memory while the disk is full, the file as it was, and writes it whole when space returns', async () => {
      const directory = path.join(disk.folder, 'inbox');
      const file = path.join(directory, 'p1.json');
      const problems: string[] = [];
      const store = createInboxStore({ directory, now: () => start, onProblem: (message) => problems.push(message) });
      await store.update('p1', (inbox) => ({ ...inbox, issues: inboxIssues(['a']) }));
      const good = readFileSync(file, 'utf8');

      disk.fill(roomForPart);
      const keys = Array.from({ length: 30 }, (_, index) => `k${index}`);
      expect((await store.update('p1', (inbox) => ({ ...inbox, issues: inboxIssues(keys) }))).issues).toHaveLength(30);
      expect(store.problem()).toMatch(
        /could not save its issues inbox to .*p1\.json \(no space left on device, ENOSPC\)/,
      );
      expect(readFileSync(file, 'utf8')).toBe(good);
      expect(readdirSync(directory)).toEqual(['p1.json']);
      expect((await store.read('p1')).issues).toHaveLength(30);

      disk.free();
      await store.update('p1', (inbox) => ({ ...inbox, issues: inboxIssues([...keys, 'last']) }));
      expect(store.problem()).toBeNull();
      const reopened = createInboxStore({
        directory,
        now: () => start,
        onProblem: (message) => problems.push(message),
      });
      expect((await reopened.read('p1')).issues.map((issue) => issue.key)).toEqual([...keys, 'last']);
      expect(problems).toHaveLength(1);
    });

    it('keeps the cached integration list it had when a new one cannot be written', async () => {
      const root = path.join(disk.folder, 'branding');
      const store = createBrandingStore({ root, now: () => start });
      const index = (keys: string[]): IndexFile => ({
        version: 1,
        cachedAt: new Date(start).toISOString(),
        baseUrl: 'https://api.codat.io',
        keys,
        poweredBy: null,
      });
      await store.writeIndex('training', index(['gbol']));

      disk.fill(roomForPart);
      const many = Array.from({ length: 1000 }, (_, i) => `platform-${i}`);
      await expect(store.writeIndex('training', index(many))).rejects.toMatchObject({ code: 'ENOSPC' });
      expect(await store.readIndex('training')).toEqual(index(['gbol']));
      expect(readdirSync(path.join(root, 'profiles', 'training'))).toEqual(['index.json']);

      disk.free();
      await store.writeIndex('training', index(many));
      expect(await createBrandingStore({ root, now: () => start }).readIndex('training')).toEqual(index(many));
    });
  },
);

function companyNameOrTorn(line: string): string | undefined {
  try {
    return (JSON.parse(line) as AuditRecord).target.companyName;
  } catch {
    return `(a torn line: ${line.slice(0, 40)}…)`;
  }
}
