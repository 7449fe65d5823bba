/** The hand-over store on a real (temporary) data folder: restarts, corrupt files, failed writes, bounds. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandOverStore } from '@main/services/handovers-store';
import { advanceHandOver, recordHandOver, type HandOver } from '@shared/domain/handovers';

const hour = 3_600_000;
const day = 24 * hour;
const start = Date.parse('2026-06-01T09:00:00.000Z');

const folder = () => path.join(mkdtempSync(path.join(tmpdir(), 'linkdesk-followups-')), 'followups');

const handOver = (n: number, at = start, profileId = 'training'): HandOver =>
  recordHandOver(
    [],
    {
      id: `h${n}`,
      profileId,
      company: { id: `c${n}`, name: `Company ${n}` },
      connection: { id: `k${n}`, platformKey: 'gbol', platformName: 'Xero' },
      by: 'alice',
      how: 'copied',
      linkIssuedAt: at,
      errors: [],
    },
    at,
  ).recorded;

/** Linked, then its first sync finished: done. */
const done = (item: HandOver, at: number): HandOver => {
  const linked = advanceHandOver(item, { connection: { status: 'Linked' } }, at).next;
  return advanceHandOver(linked, { connection: { status: 'Linked' }, firstSync: { state: 'complete' } }, at).next;
};

describe('the hand-over store', () => {
  it('keeps hand-overs across a restart, per profile, and leaves no temporary file behind', async () => {
    const directory = folder();
    const first = createHandOverStore({ directory, now: () => start });
    await first.update('training', (items) => [...items, handOver(1), handOver(2)]);
    await first.update('prod-1', (items) => [...items, handOver(3, start, 'prod-1')]);

    const restarted = createHandOverStore({ directory, now: () => start });
    expect((await restarted.list('training')).map((item) => item.id)).toEqual(['h1', 'h2']);
    expect((await restarted.list('prod-1')).map((item) => item.id)).toEqual(['h3']);
    expect(readdirSync(directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('applies changes one after another, however many arrive at once', async () => {
    const store = createHandOverStore({ directory: folder(), now: () => start });
    await Promise.all(
      Array.from({ length: 20 }, (_, n) => store.update('training', (items) => [...items, handOver(n)])),
    );
    expect(await store.list('training')).toHaveLength(20);
  });

  it('moves a corrupt file aside, says so, and starts empty without losing later hand-overs', async () => {
    const directory = folder();
    const first = createHandOverStore({ directory, now: () => start });
    await first.update('training', (items) => [...items, handOver(1)]);
    writeFileSync(path.join(directory, 'training.json'), '{"version":1,"handOv');

    const problems: string[] = [];
    const store = createHandOverStore({ directory, now: () => start, onProblem: (message) => problems.push(message) });
    expect(await store.list('training')).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/could not be read in full .*kept as .*training\.json\.corrupt-/);
    const aside = readdirSync(directory).find((name) => name.startsWith('training.json.corrupt-'));
    expect(readFileSync(path.join(directory, aside!), 'utf8')).toBe('{"version":1,"handOv');

    await store.update('training', (items) => [...items, handOver(2)]);
    const restarted = createHandOverStore({ directory, now: () => start });
    expect((await restarted.list('training')).map((item) => item.id)).toEqual(['h2']);
  });

  it('keeps the readable hand-overs of a file with one unreadable record, and the whole file aside', async () => {
    const directory = folder();
    const store0 = createHandOverStore({ directory, now: () => start });
    await store0.update('training', (items) => [...items, handOver(1), handOver(2)]);
    const file = path.join(directory, 'training.json');
    const envelope = JSON.parse(readFileSync(file, 'utf8'));
    envelope.handOvers[0].state = 'teleported';
    writeFileSync(file, JSON.stringify(envelope));

    const problems: string[] = [];
    const store = createHandOverStore({ directory, now: () => start, onProblem: (message) => problems.push(message) });
    expect((await store.list('training')).map((item) => item.id)).toEqual(['h2']);
    expect(problems[0]).toMatch(/1 unreadable hand-over\(s\).*the 1 hand-over\(s\) that could be read were kept/);
    expect(readdirSync(directory).some((name) => name.startsWith('training.json.corrupt-'))).toBe(true);
    // What could be read is on disk again, for the next start.
    const restarted = createHandOverStore({ directory, now: () => start });
    expect((await restarted.list('training')).map((item) => item.id)).toEqual(['h2']);
  });

  it('keeps hand-overs in memory when the folder cannot be written, says so, and saves them once it can', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'linkdesk-followups-blocked-'));
    const directory = path.join(parent, 'followups');
    // A file where the folder should be: every write fails, as on a full or read-only disk.
    writeFileSync(directory, 'not a folder');
    const problems: string[] = [];
    const store = createHandOverStore({ directory, now: () => start, onProblem: (message) => problems.push(message) });
    await store.update('training', (items) => [...items, handOver(1)]);
    expect((await store.list('training')).map((item) => item.id)).toEqual(['h1']);
    expect(store.problem()).toMatch(/could not save its follow-ups .*kept while it runs/);
    const saveProblems = () => problems.filter((message) => /could not save/.test(message));
    expect(saveProblems()).toHaveLength(1);
    await store.update('training', (items) => [...items, handOver(2)]);
    expect(saveProblems()).toHaveLength(1);

    rmSync(directory);
    await store.update('training', (items) => [...items, handOver(3)]);
    expect(store.problem()).toBeNull();
    const restarted = createHandOverStore({ directory, now: () => start });
    expect((await restarted.list('training')).map((item) => item.id)).toEqual(['h1', 'h2', 'h3']);
  });

  it('forgets hand-overs 90 days after they ended or their link expired unused, and keeps the linked ones', async () => {
    let now = start;
    const store = createHandOverStore({ directory: folder(), now: () => now });
    const linked = advanceHandOver(handOver(4), { connection: { status: 'Linked' } }, start + hour).next;
    await store.update('training', () => [
      done(handOver(1), start + hour),
      handOver(2),
      done(handOver(3), start + 80 * day),
      linked,
      handOver(5, start + 30 * day),
    ]);
    // 90 days after h2's link expired unused (a day after `start`): nothing shows it any more.
    now = start + day + 90 * day + 1;
    const kept = await store.update('training', (items) => items);
    expect(kept.map((item) => item.id)).toEqual(['h3', 'h4', 'h5']);
  });

  it('keeps at most the limit, dropping the oldest done hand-overs first', async () => {
    const store = createHandOverStore({ directory: folder(), now: () => start, maxPerProfile: 3 });
    const kept = await store.update('training', () => [
      handOver(1),
      done(handOver(2), start),
      handOver(3),
      done(handOver(4), start),
      handOver(5),
    ]);
    expect(kept.map((item) => item.id)).toEqual(['h1', 'h3', 'h5']);
    const more = await store.update('training', (items) => [...items, handOver(6)]);
    expect(more.map((item) => item.id)).toEqual(['h3', 'h5', 'h6']);
  });
});
