/**
 * The inbox lifecycle on a fake clock: each row is a story of rounds (seen or not, complete or stopped) and
 * triage, told in hours from the first sighting, with where the issue ends up and when it notified.
 */
import { describe, expect, it } from 'vitest';
import type { HealthIssue, Severity } from '@shared/domain/health/model';
import { inboxIssueSchema, maxInboxHistory, type InboxIssue } from '@shared/domain/inbox';
import {
  acknowledge,
  applyRound,
  countByState,
  endSnoozes,
  mute,
  nextSnoozeEnd,
  snooze,
  unmute,
  type Presence,
} from '@main/rules/inbox';

const hour = 3_600_000;
const start = Date.parse('2026-06-01T09:00:00.000Z');
const at = (hours: number) => start + hours * hour;

const healthIssue = (key = 'deauthorized:c1:k1', severity: Severity = 'critical'): HealthIssue => ({
  key,
  category: 'deauthorized',
  severity,
  companyId: 'c1',
  companyName: 'Acme Ltd',
  connectionId: 'k1',
  platformName: 'Xero',
  platformKey: 'gbol',
  since: null,
  summary: 'The customer deauthorised Linkdesk’s access.',
  action: { kind: 'send_fresh_link', text: 'Send a fresh link.' },
  evidence: [],
});

type Step =
  | { at: number; round: 'seen' | 'unseen'; complete?: boolean }
  | { at: number; do: 'acknowledge' | 'mute' | 'unmute' | 'endSnoozes' }
  | { at: number; snoozeUntil: number };

interface Story {
  name: string;
  severity?: Severity;
  steps: Step[];
  state: InboxIssue['state'];
  history: string[];
  /** The hours of the rounds that notified about it. */
  alerted: number[];
  reopenedCount?: number;
  seenCount?: number;
  lastSeenAt?: number;
}

/** Runs a story: the issue is first seen by a complete round at hour 0. */
function tell(story: Story) {
  const settings = { resolveAfterHours: 24 };
  const issue = healthIssue('deauthorized:c1:k1', story.severity ?? 'critical');
  let lastCompleteRoundAt: number | null = null;
  const alerted: number[] = [];
  const presence = (now: number): Presence => ({ at: now, lastCompleteRoundAt, ...settings });
  const actor = (now: number) => ({ at: now, by: 'alice' });
  let issues: InboxIssue[] = [];
  for (const step of [{ at: 0, round: 'seen' } as Step, ...story.steps]) {
    const now = at(step.at);
    if ('round' in step) {
      const complete = step.complete ?? true;
      const outcome = applyRound(issues, {
        profileId: 'training',
        at: now,
        seen: step.round === 'seen' ? [issue] : [],
        complete,
        ...settings,
      });
      if (complete) lastCompleteRoundAt = now;
      issues = outcome.issues;
      if (outcome.alerts.length > 0) alerted.push(step.at);
    } else if ('snoozeUntil' in step) {
      issues = snooze(issues, [issue.key], at(step.snoozeUntil), actor(now)).issues;
    } else if (step.do === 'acknowledge') issues = acknowledge(issues, [issue.key], actor(now)).issues;
    else if (step.do === 'mute') issues = mute(issues, [issue.key], actor(now)).issues;
    else if (step.do === 'unmute') issues = unmute(issues, [issue.key], actor(now), presence(now)).issues;
    else issues = endSnoozes(issues, presence(now)).issues;
  }
  expect(issues).toHaveLength(1);
  return { issue: inboxIssueSchema.parse(issues[0]), alerted };
}

const stories: Story[] = [
  {
    name: 'first seen: New, and notified',
    steps: [],
    state: 'new',
    history: ['first_seen'],
    alerted: [0],
    seenCount: 1,
  },
  {
    name: 'seen again: still New, counted, not notified twice',
    steps: [
      { at: 1, round: 'seen' },
      { at: 2, round: 'seen' },
    ],
    state: 'new',
    history: ['first_seen'],
    alerted: [0],
    seenCount: 3,
    lastSeenAt: 2,
  },
  {
    name: 'not seen by complete rounds for 23 h: still New',
    steps: [
      { at: 12, round: 'unseen' },
      { at: 23, round: 'unseen' },
    ],
    state: 'new',
    history: ['first_seen'],
    alerted: [0],
  },
  {
    name: 'not seen by a complete round 24 h on: Resolved',
    steps: [{ at: 24, round: 'unseen' }],
    state: 'resolved',
    history: ['first_seen', 'resolved'],
    alerted: [0],
  },
  {
    name: 'rounds stopped by the budget resolve nothing, however long',
    steps: [
      { at: 30, round: 'unseen', complete: false },
      { at: 60, round: 'unseen', complete: false },
    ],
    state: 'new',
    history: ['first_seen'],
    alerted: [0],
  },
  {
    name: 'resolved and seen again: Reopened as New, notified again',
    steps: [
      { at: 24, round: 'unseen' },
      { at: 30, round: 'seen' },
    ],
    state: 'new',
    history: ['first_seen', 'resolved', 'reopened'],
    alerted: [0, 30],
    reopenedCount: 1,
  },
  {
    name: 'acknowledged stays Acknowledged while seen',
    steps: [
      { at: 1, do: 'acknowledge' },
      { at: 2, round: 'seen' },
    ],
    state: 'acknowledged',
    history: ['first_seen', 'acknowledged'],
    alerted: [0],
  },
  {
    name: 'acknowledged and gone for a day: Resolved',
    steps: [
      { at: 1, do: 'acknowledge' },
      { at: 25, round: 'unseen' },
    ],
    state: 'resolved',
    history: ['first_seen', 'acknowledged', 'resolved'],
    alerted: [0],
  },
  {
    name: 'snoozed: seen before it ends, still Snoozed, not notified',
    steps: [
      { at: 1, snoozeUntil: 5 },
      { at: 4, round: 'seen' },
    ],
    state: 'snoozed',
    history: ['first_seen', 'snoozed'],
    alerted: [0],
  },
  {
    name: 'snooze ended and still there (seen by the round): New again',
    steps: [
      { at: 1, snoozeUntil: 5 },
      { at: 6, round: 'seen' },
    ],
    state: 'new',
    history: ['first_seen', 'snoozed', 'snooze_ended'],
    alerted: [0],
  },
  {
    name: 'snooze ends between rounds, seen lately: New again',
    steps: [
      { at: 1, snoozeUntil: 5 },
      { at: 4, round: 'seen' },
      { at: 5, do: 'endSnoozes' },
    ],
    state: 'new',
    history: ['first_seen', 'snoozed', 'snooze_ended'],
    alerted: [0],
  },
  {
    name: 'snooze ends between rounds, gone for a day: Resolved',
    steps: [
      { at: 1, snoozeUntil: 26 },
      { at: 20, round: 'unseen' },
      { at: 26, do: 'endSnoozes' },
    ],
    state: 'resolved',
    history: ['first_seen', 'snoozed', 'snooze_ended', 'resolved'],
    alerted: [0],
  },
  {
    name: 'snooze ends, not seen for a day but no complete round since: New (nothing proves it went)',
    steps: [
      { at: 1, snoozeUntil: 26 },
      { at: 20, round: 'unseen', complete: false },
      { at: 26, do: 'endSnoozes' },
    ],
    state: 'new',
    history: ['first_seen', 'snoozed', 'snooze_ended'],
    alerted: [0],
  },
  {
    name: 'snoozed and gone for a day: Resolved, and it notifies when it comes back',
    steps: [
      { at: 1, snoozeUntil: 48 },
      { at: 25, round: 'unseen' },
      { at: 30, round: 'seen' },
    ],
    state: 'new',
    history: ['first_seen', 'snoozed', 'resolved', 'reopened'],
    alerted: [0, 30],
    reopenedCount: 1,
  },
  {
    name: 'muted stays Muted while seen, and its last sighting is kept',
    steps: [
      { at: 1, do: 'mute' },
      { at: 5, round: 'seen' },
    ],
    state: 'muted',
    history: ['first_seen', 'muted'],
    alerted: [0],
    lastSeenAt: 5,
    seenCount: 2,
  },
  {
    name: 'muted stays Muted when gone for days, and never notifies when it comes back',
    steps: [
      { at: 1, do: 'mute' },
      { at: 48, round: 'unseen' },
      { at: 72, round: 'unseen' },
      { at: 80, round: 'seen' },
    ],
    state: 'muted',
    history: ['first_seen', 'muted'],
    alerted: [0],
  },
  {
    name: 'unmuted while still there: New, not notified',
    steps: [
      { at: 1, do: 'mute' },
      { at: 5, round: 'seen' },
      { at: 6, do: 'unmute' },
      { at: 7, round: 'seen' },
    ],
    state: 'new',
    history: ['first_seen', 'muted', 'unmuted'],
    alerted: [0],
  },
  {
    name: 'unmuted after it went: Resolved',
    steps: [
      { at: 1, do: 'mute' },
      { at: 30, round: 'unseen' },
      { at: 31, do: 'unmute' },
    ],
    state: 'resolved',
    history: ['first_seen', 'muted', 'unmuted', 'resolved'],
    alerted: [0],
  },
  {
    name: 'an info issue is New but never notified',
    severity: 'info',
    steps: [
      { at: 24, round: 'unseen' },
      { at: 30, round: 'seen' },
    ],
    state: 'new',
    history: ['first_seen', 'resolved', 'reopened'],
    alerted: [],
    reopenedCount: 1,
  },
  {
    name: 'a warning notifies like a critical one',
    severity: 'warning',
    steps: [],
    state: 'new',
    history: ['first_seen'],
    alerted: [0],
  },
];

describe('the inbox lifecycle', () => {
  it.each(stories)('$name', (story) => {
    const { issue, alerted } = tell(story);
    expect(issue.state).toBe(story.state);
    expect(issue.history.map((line) => line.kind)).toEqual(story.history);
    expect(alerted).toEqual(story.alerted);
    expect(issue.reopenedCount).toBe(story.reopenedCount ?? 0);
    if (story.seenCount !== undefined) expect(issue.seenCount).toBe(story.seenCount);
    if (story.lastSeenAt !== undefined) expect(issue.lastSeenAt).toBe(new Date(at(story.lastSeenAt)).toISOString());
    expect(issue.firstSeenAt).toBe(new Date(start).toISOString());
    expect(issue.snoozedUntil === null).toBe(issue.state !== 'snoozed');
  });

  it('records who triaged, and until when a snooze lasts', () => {
    let issues = applyRound([], {
      profileId: 'p',
      at: at(0),
      seen: [healthIssue()],
      complete: true,
      resolveAfterHours: 24,
    }).issues;
    issues = acknowledge(issues, ['deauthorized:c1:k1'], { at: at(1), by: 'alice' }).issues;
    issues = snooze(issues, ['deauthorized:c1:k1'], at(20), { at: at(2), by: 'bob' }).issues;
    expect(issues[0]?.history.slice(1)).toEqual([
      { at: new Date(at(1)).toISOString(), kind: 'acknowledged', by: 'alice' },
      { at: new Date(at(2)).toISOString(), kind: 'snoozed', by: 'bob', until: new Date(at(20)).toISOString() },
    ]);
    expect(nextSnoozeEnd(issues)).toBe(at(20));
  });

  it('changes only the keys asked for, and counts only what changed', () => {
    const seen = ['a', 'b', 'c'].map((key) => healthIssue(key));
    let issues = applyRound([], { profileId: 'p', at: at(0), seen, complete: true, resolveAfterHours: 24 }).issues;
    const muted = mute(issues, ['a', 'b', 'gone'], { at: at(1), by: 'alice' });
    expect(muted.changed).toBe(2);
    issues = muted.issues;
    expect(mute(issues, ['a'], { at: at(2), by: 'alice' }).changed).toBe(0);
    expect(acknowledge(issues, ['a', 'c'], { at: at(2), by: 'alice' }).changed).toBe(1);
    expect(countByState(issues)).toEqual({ new: 1, acknowledged: 0, snoozed: 0, resolved: 0, muted: 2 });
  });

  it(`keeps at most ${maxInboxHistory} history lines, the first sighting and the latest`, () => {
    let issues = applyRound([], {
      profileId: 'p',
      at: at(0),
      seen: [healthIssue()],
      complete: true,
      resolveAfterHours: 24,
    }).issues;
    for (let n = 1; n <= 80; n += 1) {
      issues = snooze(issues, ['deauthorized:c1:k1'], at(n + 100), { at: at(n), by: 'alice' }).issues;
    }
    const history = issues[0]!.history;
    expect(history).toHaveLength(maxInboxHistory);
    expect(history[0]?.kind).toBe('first_seen');
    expect(history.at(-1)?.until).toBe(new Date(at(180)).toISOString());
    expect(history[1]?.until).toBe(new Date(at(80 - maxInboxHistory + 2 + 100)).toISOString());
  });

  it('a round that saw a key twice keeps one issue', () => {
    const outcome = applyRound([], {
      profileId: 'p',
      at: at(0),
      seen: [healthIssue('a'), healthIssue('a')],
      complete: true,
      resolveAfterHours: 24,
    });
    expect(outcome.issues).toHaveLength(1);
    expect(outcome.newIssues).toBe(1);
  });
});
