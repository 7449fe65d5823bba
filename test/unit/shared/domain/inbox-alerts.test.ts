import { describe, expect, it } from 'vitest';
import type { IssueCategory, Severity } from '@shared/domain/health/model';
import type { InboxIssue, InboxState } from '@shared/domain/inbox';
import { inboxNoticeSchema, roundAlertNotice } from '@shared/domain/inbox-alerts';

let serial = 0;
function issue(
  companyName: string,
  category: IssueCategory,
  options: { severity?: Severity; state?: InboxState; reopened?: boolean; summary?: string } = {},
): InboxIssue {
  serial += 1;
  const companyId = `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
  const at = '2026-11-30T08:00:00.000Z';
  return {
    key: `${category}:${companyId}`,
    profileId: 'training',
    issue: {
      key: `${category}:${companyId}`,
      category,
      severity: options.severity ?? 'critical',
      companyId,
      companyName,
      connectionId: null,
      platformName: 'Xero',
      platformKey: 'gbol',
      since: at,
      summary: options.summary ?? `${companyName}'s Xero connection needs attention.`,
      action: { kind: 'relink', text: 'Send a fresh link.' },
      evidence: [],
    },
    state: options.state ?? 'new',
    firstSeenAt: at,
    lastSeenAt: at,
    seenCount: 1,
    reopenedCount: options.reopened ? 1 : 0,
    snoozedUntil: null,
    changedAt: at,
    history: [],
  };
}

describe('round alerts', () => {
  it('one issue: the company and what is wrong, the summary below; clicking opens the Inbox', () => {
    const notice = roundAlertNotice('r1', [
      issue('Acme Ltd', 'deauthorized', { summary: 'Acme Ltd’s Xero connection was deauthorised 2 hours ago.' }),
    ]);
    expect(notice).toMatchObject({
      title: 'Acme Ltd: Deauthorised',
      body: 'Acme Ltd’s Xero connection was deauthorised 2 hours ago.',
      target: { page: 'inbox' },
    });
    expect(roundAlertNotice('r1', [issue('Acme Ltd', 'sync_failing', { reopened: true })])?.title).toBe(
      'Acme Ltd: sync failing again',
    );
  });

  it('several issues make one notification listing them, most severe first, saying which came back', () => {
    const notice = roundAlertNotice('r2', [
      issue('Gamma', 'stale_data', { severity: 'warning' }),
      issue('Acme', 'sync_failing'),
      issue('Beta', 'deauthorized', { reopened: true }),
    ]);
    expect(notice).toMatchObject({
      title: '3 issues: 2 new, 1 back',
      body: 'Acme — sync failing; Beta: deauthorised again; Gamma — stale data (token-expiry risk)',
      target: { page: 'inbox' },
    });
    expect(roundAlertNotice('r3', [issue('Acme', 'sync_failing'), issue('Beta', 'unlinked')])?.title).toBe(
      '2 new issues',
    );
    expect(
      roundAlertNotice('r4', [
        issue('Acme', 'sync_failing', { reopened: true }),
        issue('Beta', 'unlinked', { reopened: true }),
      ])?.title,
    ).toBe('2 issues are back');
  });

  it('never alerts for info, muted, snoozed or acknowledged issues, and says nothing when none is left', () => {
    const quiet = [
      issue('Acme', 'awaiting_authorisation', { severity: 'info' }),
      issue('Beta', 'sync_failing', { state: 'muted' }),
      issue('Gamma', 'sync_failing', { state: 'snoozed' }),
      issue('Delta', 'sync_failing', { state: 'acknowledged' }),
    ];
    expect(roundAlertNotice('r5', quiet)).toBeNull();
    expect(roundAlertNotice('r5', [])).toBeNull();
    expect(roundAlertNotice('r6', [...quiet, issue('Omega', 'unlinked')])?.title).toBe('Omega: Unlinked');
  });

  it('bounds a large round, saying how many more there are', () => {
    const many = Array.from({ length: 40 }, (_, n) => issue(`Customer number ${n + 1} Limited`, 'sync_failing'));
    const notice = roundAlertNotice('r7', many)!;
    expect(notice.title).toBe('40 new issues');
    expect(notice.body.length).toBeLessThanOrEqual(300);
    const listed = notice.body.split('; ').filter((part) => part.endsWith('sync failing')).length;
    expect(notice.body).toMatch(new RegExp(`; … and ${40 - listed} more$`));
    expect(() => inboxNoticeSchema.parse(notice)).not.toThrow();
  });

  it('keeps hostile company names and summaries to short single lines', () => {
    const evil = `Evil\nCorp\u0007 ${'y'.repeat(500)}`;
    const one = roundAlertNotice('r8', [issue(evil, 'unlinked', { summary: `Bad\r\nthing ${'z'.repeat(5000)}` })])!;
    expect(one.title).not.toMatch(/[\n\u0007]/);
    expect(one.title.startsWith('Evil Corp yyy')).toBe(true);
    expect(one.title.length).toBeLessThanOrEqual(80);
    expect(one.body).toMatch(/^Bad thing z+…$/);
    expect(one.body.length).toBeLessThanOrEqual(300);
    const group = roundAlertNotice('r9', [issue(evil, 'unlinked'), issue('Acme', 'unlinked')])!;
    expect(group.body).not.toMatch(/[\n\u0007]/);
    expect(() => inboxNoticeSchema.parse(group)).not.toThrow();
  });
});
