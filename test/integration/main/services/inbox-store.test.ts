/** The inbox on disk: a damaged file loses only what cannot be read, and the inbox stays bounded. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInboxStore } from '@main/services/inbox-store';
import { applyRound, mute } from '@main/rules/inbox';
import { deauthorisedIssue } from '@support/data-files';

const hour = 3_600_000;
const start = Date.parse('2026-06-01T09:00:00.000Z');

const issues = (keys: string[], at = start) =>
  applyRound([], { profileId: 'p1', at, seen: keys.map(deauthorisedIssue), complete: true, resolveAfterHours: 24 })
    .issues;

const folder = () => path.join(mkdtempSync(path.join(tmpdir(), 'linkdesk-inbox-store-')), 'inbox');

describe('the inbox store', () => {
  it('keeps the readable issues of a damaged file, and the damaged file itself aside', async () => {
    const directory = folder();
    mkdirSync(directory, { recursive: true });
    const [first, second] = issues(['a', 'b']);
    writeFileSync(
      path.join(directory, 'p1.json'),
      JSON.stringify({ version: 1, profileId: 'p1', issues: [first, { key: 'broken' }, second], spent: 'nonsense' }),
    );
    const problems: string[] = [];
    const store = createInboxStore({ directory, now: () => start, onProblem: (message) => problems.push(message) });
    const inbox = await store.read('p1');
    expect(inbox.issues.map((issue) => issue.key)).toEqual(['a', 'b']);
    expect(inbox.spent).toBeNull();
    expect(problems).toEqual([
      expect.stringMatching(/1 unreadable issue\(s\), unreadable monitor bookkeeping.*the 2 issue\(s\)/),
    ]);
    const files = readdirSync(directory).sort();
    expect(files).toEqual(['p1.json', expect.stringMatching(/^p1\.json\.corrupt-/)]);
    expect(JSON.parse(readFileSync(path.join(directory, 'p1.json'), 'utf8')).issues).toHaveLength(2);
  });

  it('starts empty on a file that is not an inbox, and says so', async () => {
    const directory = folder();
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(directory, 'p1.json'), '{"version":1,"issu');
    const problems: string[] = [];
    const store = createInboxStore({ directory, now: () => start, onProblem: (message) => problems.push(message) });
    expect((await store.read('p1')).issues).toEqual([]);
    expect(problems).toEqual([expect.stringContaining('not an inbox file')]);
  });

  it('drops the oldest resolved issues first beyond its limit, and resolved ones after 30 days', async () => {
    const directory = folder();
    let now = start;
    const store = createInboxStore({ directory, now: () => now, maxIssues: 4 });
    const round = (keys: string[], complete: boolean) =>
      store.update('p1', (inbox) => ({
        ...inbox,
        issues: applyRound(inbox.issues, {
          profileId: 'p1',
          at: now,
          seen: keys.map(deauthorisedIssue),
          complete,
          resolveAfterHours: 24,
        }).issues,
      }));
    await round(['a'], true);
    await store.update('p1', (inbox) => ({ ...inbox, issues: mute(inbox.issues, ['a'], { at: now, by: 'x' }).issues }));
    now = start + hour;
    await round(['b'], false);
    // A day on, b is resolved; a (muted) is older than b, but it is not resolved: b goes first.
    now = start + 26 * hour;
    await round(['c', 'd', 'e'], true);
    expect((await store.read('p1')).issues.map((issue) => [issue.key, issue.state])).toEqual([
      ['a', 'muted'],
      ['c', 'new'],
      ['d', 'new'],
      ['e', 'new'],
    ]);
    // c, d and e resolve a day later; 31 days after that they are gone.
    now = start + 51 * hour;
    await round([], true);
    now = start + 51 * hour + 31 * 24 * hour;
    await round([], false);
    expect((await store.read('p1')).issues.map((issue) => issue.key)).toEqual(['a']);
  });
});
