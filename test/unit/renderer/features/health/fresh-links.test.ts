/** Fresh links in bulk: which issues may be selected, and the mail merge CSV (through the safe CSV writer). */
import { describe, expect, it } from 'vitest';
import type { HealthIssue } from '@shared/domain/health/model';
import {
  mailMergeCsv,
  needsCustomerLink,
  selectableTargets,
  type FreshLinkDone,
} from '@renderer/features/health/bulk/fresh-links';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function issue(n: number, category: HealthIssue['category'], actionKind: HealthIssue['action']['kind']): HealthIssue {
  return {
    key: `${category}:${id(100 + n)}:${n}`,
    category,
    severity: 'critical',
    companyId: id(n),
    companyName: `Company ${n}`,
    connectionId: id(100 + n),
    platformName: 'Xero',
    platformKey: 'gbol',
    since: null,
    summary: '',
    action: { kind: actionKind, text: '' },
    evidence: [],
  };
}

describe('which issues a fresh link fixes', () => {
  it('takes the four kinds a customer fixes through a link, and nothing else', () => {
    expect(needsCustomerLink(issue(1, 'awaiting_authorisation', 'send_fresh_link'))).toBe(true);
    expect(needsCustomerLink(issue(1, 'authorisation_failed', 'send_fresh_link'))).toBe(true);
    expect(needsCustomerLink(issue(1, 'deauthorized', 'relink'))).toBe(true);
    // Linked, but a sync ends in AuthError: the customer re-links.
    expect(needsCustomerLink(issue(1, 'sync_failing', 'relink'))).toBe(true);
    expect(needsCustomerLink(issue(1, 'sync_failing', 'refresh_data_type'))).toBe(false);
    expect(needsCustomerLink(issue(1, 'unlinked', 'relink'))).toBe(false);
    expect(needsCustomerLink({ ...issue(1, 'awaiting_authorisation', 'send_fresh_link'), connectionId: null })).toBe(
      false,
    );
  });

  it('counts a connection once, however many of its data types fail', () => {
    const sameConnection = [issue(1, 'sync_failing', 'relink'), { ...issue(1, 'sync_failing', 'relink'), key: 'x' }];
    expect(selectableTargets(sameConnection).map((target) => target.connectionId)).toEqual([id(101)]);
  });
});

describe('the mail merge CSV', () => {
  const done = (name: string, recipient: string | null): FreshLinkDone => ({
    target: { key: 'k', companyId: id(1), connectionId: id(101), companyName: name, platformName: 'Xero' },
    link: {
      url: 'https://link.example/start?otp=123456',
      expiresAt: '2026-12-01T08:00:00.000Z',
      lastRecipient: recipient,
      handOver: {
        company: { id: id(1), name },
        connection: { id: id(101), platformKey: 'gbol', platformName: 'Xero' },
      } as FreshLinkDone['link']['handOver'],
    },
  });

  it('writes recipient, customer, platform, link and expiry, with no cell a spreadsheet runs as a formula', () => {
    const csv = mailMergeCsv([
      done('=HYPERLINK("https://evil.example","Click")', 'ann@bakery.test'),
      done('Plain Ltd', null),
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('"Recipient","Customer","Platform","Link","Expires at","Expires at (local time)"');
    expect(lines[1]).toMatch(
      /^"ann@bakery\.test","'=HYPERLINK\(""https:\/\/evil\.example"",""Click""\)","Xero","https:\/\/link\.example\/start\?otp=123456","2026-12-01T08:00:00\.000Z","[^"]+"$/,
    );
    expect(lines[2]).toMatch(/^"","Plain Ltd","Xero",/);
  });
});
