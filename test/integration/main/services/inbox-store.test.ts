/** The inbox on disk: a damaged file loses only what cannot be read, and the inbox stays bounded. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInboxStore } from '@main/services/inbox-store';
import type { HealthIssue } from '@shared/domain/health/model';
import { applyRound, mute } from '@shared/domain/inbox-rules';

const hour = 3_600_000;
const start = Date.parse('2026-06-01T09:00:00.000Z');

const healthIssue = (key: string): HealthIssue => ({
  key,
  category: 'deauthorized',
  severity: 'critical',
  companyId: 'c1',
  companyName: 'Acme Ltd',
  connectionId: key,
  platformName: 'Xero',
  platformKey: 'gbol',
  since: null,
  summary: 'Deauthorised.',
  action: { kind: 'send_fresh_link', text: 'Send a fresh link.' },
  evidence: [],
});

const issues = (keys: string[], at = start) =>
  applyRound([], { profileId: 'p1', at, seen: keys.map(healthIssue), complete: true, resolveAfterHours: 24 }).issues;

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

  it('drops resolved issues after 30 days, and the oldest resolved first beyond its limit', async () => {
    const directory = folder();
    let now = start;
    const store = createInboxStore({ directory, now: () => now, maxIssues: 3 });
    await store.update('p1', (inbox) => ({ ...inbox, issues: issues(['a', 'b', 'c']) }));
    // a and b resolve (unseen a day on); c stays; d and e are new: 5 issues, limit 3.
    now = start + 25 * hour;
    await store.update('p1', (inbox) => {
      const after = applyRound(inbox.issues, {
        profileId: 'p1',
        at: now,
        seen: ['c', 'd', 'e'].map(healthIssue),
        complete: true,
        resolveAfterHours: 24,
      });
      return { ...inbox, issues: mute(after.issues, ['a'], { at: now, by: 'x' }).issues };
    });
    const kept = await store.read('p1');
    expect(kept.issues.map((issue) => [issue.key, issue.state])).toEqual([
      ['c', 'new'],
      ['d', 'new'],
      ['e', 'new'],
    ]);
    const again = createInboxStore({ directory, now: () => start + 31 * 24 * hour });
    await again.update('p1', (inbox) => inbox);
    expect((await again.read('p1')).issues).toHaveLength(3);
  });
});
