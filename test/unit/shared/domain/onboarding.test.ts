import { describe, expect, it } from 'vitest';
import { previewCompanyName, stripCompanyName } from '@shared/codat/names';
import type { Connection } from '@shared/codat/schemas';
import { checkCanConnect, linkMayBeStale } from '@shared/domain/connections';
import { emailProblem, mailtoUrl, missingPlaceholders, renderInvite } from '@shared/domain/invite';
import { defaultInviteTemplate } from '@shared/settings-defaults';
import { errorBaseline, newErrors, syncProgress } from '@shared/domain/watch';

const connection = (overrides: Partial<Connection> = {}): Connection => ({
  id: '11111111-1111-4111-8111-111111111111',
  integrationId: 'i',
  integrationKey: 'gbol',
  sourceId: 's',
  sourceType: 'Accounting',
  platformName: 'Xero',
  linkUrl: 'https://link-api.codat.io/companies/c/connections/x/start?otp=123456',
  status: 'PendingAuth',
  created: '2026-06-01T09:00:00Z',
  ...overrides,
});

describe('company names', () => {
  it('shows what Codat will store and which characters it drops', () => {
    expect(stripCompanyName('Company (Codat[1])')).toBe('Company Codat1');
    expect(previewCompanyName('ACME (Test) £5')).toEqual({ name: 'ACME Test 5', removed: ['(', ')', '£'] });
    expect(previewCompanyName("O'Brien & Sons, Ltd.")).toEqual({ name: "O'Brien & Sons, Ltd.", removed: [] });
  });
});

describe('the one accounting connection rule', () => {
  it('refuses a second accounting connection and names the existing one', () => {
    const company = { dataConnections: [connection({ status: 'Linked' })] };
    const check = checkCanConnect(company, 'Accounting');
    expect(check.allowed).toBe(false);
    if (!check.allowed) {
      expect(check.reason).toContain('Xero');
      expect(check.existing.id).toBe(connection().id);
    }
    expect(checkCanConnect(company, 'Banking')).toEqual({ allowed: true });
    expect(checkCanConnect({ dataConnections: [connection({ sourceType: 'Banking' })] }, 'Accounting')).toEqual({
      allowed: true,
    });
    expect(checkCanConnect({}, 'Accounting')).toEqual({ allowed: true });
  });

  it('calls a link stale once opened or a day old', () => {
    const issued = Date.parse('2026-06-01T09:00:00Z');
    expect(linkMayBeStale(issued, issued + 60_000, false)).toBe(false);
    expect(linkMayBeStale(issued, issued + 60_000, true)).toBe(true);
    expect(linkMayBeStale(issued, issued + 24 * 3_600_000, false)).toBe(true);
  });
});

describe('invite email', () => {
  const values = {
    customer: 'Harbour Bakery Ltd',
    platform: 'QuickBooks Online',
    link: 'https://link.example/start?otp=123456&x=1',
    sender: 'Priya Shah',
  };

  it('fills every placeholder and says the link works once and for 24 hours', () => {
    const invite = renderInvite(defaultInviteTemplate, values);
    expect(invite.subject).toBe('Connect QuickBooks Online for Harbour Bakery Ltd');
    expect(invite.body).toContain(values.link);
    expect(invite.body).toContain('Priya Shah');
    expect(invite.body).toMatch(/works once and expires 24 hours/);
    expect(invite.body).not.toMatch(/\{(customer|platform|link|sender)\}/);
    expect(missingPlaceholders(defaultInviteTemplate)).toEqual([]);
    expect(missingPlaceholders({ subject: 'Hi', body: 'Hello {customer}' })).toEqual(['platform', 'link', 'sender']);
  });

  it('builds a correct mailto: link in the body, every part encoded, spaces as %20', () => {
    const invite = renderInvite(defaultInviteTemplate, values);
    const url = mailtoUrl('owner+books@harbour.example', invite);
    expect(url.startsWith('mailto:owner%2Bbooks@harbour.example?subject=')).toBe(true);
    expect(url).not.toContain('+');
    expect(url).not.toContain(' ');
    const parsed = new URL(url);
    expect(parsed.protocol).toBe('mailto:');
    const params = new URLSearchParams(parsed.search);
    expect(params.get('subject')).toBe(invite.subject);
    expect(params.get('body')).toBe(invite.body.replace(/\n/g, '\r\n'));
    expect(params.get('body')).toContain('otp=123456&x=1');
  });

  it('keeps a company name with a line break from adding a mail header through the subject', () => {
    const invite = renderInvite(defaultInviteTemplate, { ...values, customer: 'Harbour\r\nBcc: x@evil.example' });
    const url = mailtoUrl('owner@harbour.example', invite);
    const subject = decodeURIComponent(/[?&]subject=([^&]*)/.exec(url)?.[1] ?? '');
    expect(subject).toBe('Connect QuickBooks Online for Harbour Bcc: x@evil.example');
    expect(url).not.toMatch(/bcc=/i);
    expect(url.split('&body=')[0]).not.toMatch(/%0D|%0A/i);
  });

  it.each([
    ['', /Enter the customer’s email/],
    ['owner', /one @/],
    ['@harbour.example', /one @/],
    ['a@b@c.com', /one @/],
    ['owner@harbour', /not an email domain/],
    ['owner@-harbour.example', /not an email domain/],
    ['owner @harbour.example', /spaces/],
    ['owner@harbour.example, x@y.z', /spaces|commas/],
    ['owner\n@harbour.example', /spaces|line breaks/],
    ['own:er@harbour.example', /“:”/],
    ['own\\er@harbour.example', /“\\”/],
    ['own\u0000er@harbour.example', /control character/],
    ['.owner@harbour.example', /dot/],
    ['owner.@harbour.example', /dot/],
    ['own..er@harbour.example', /dot/],
    [`${'o'.repeat(65)}@harbour.example`, /64 characters/],
    [`owner@${'h'.repeat(60)}.${'h'.repeat(60)}.${'h'.repeat(60)}.${'h'.repeat(60)}.example`, /254 characters/],
  ])('explains the invalid address %j', (address, problem) => {
    expect(emailProblem(address)).toMatch(problem);
  });

  it.each([
    'owner@harbour.example',
    'first.last+books@sub.harbour.co.uk',
    'O@x.io',
    "o'brien&sons=books@harbour.example",
    'jörg@harbour.example',
  ])('accepts %s', (address) => {
    expect(emailProblem(address)).toBeNull();
  });
});

describe('watching a connection after hand-over', () => {
  const old = {
    statusCode: '403',
    statusText: 'User cancelled linking',
    errorMessage: 'User cancelled',
    erroredOnUtc: '2026-05-30T10:00:00Z',
    status: 'Active' as const,
  };

  it('only errors the connection did not already have are new; resolved ones are not shown', () => {
    const before = connection({ dataConnectionErrors: [old] });
    const baseline = errorBaseline(before);
    expect(newErrors(before, baseline)).toEqual([]);
    const fresh = { ...old, erroredOnUtc: '2026-06-01T09:05:00Z' };
    expect(newErrors(connection({ dataConnectionErrors: [old, fresh] }), baseline)).toEqual([fresh]);
    expect(newErrors(connection({ dataConnectionErrors: [old, { ...fresh, status: 'Resolved' }] }), baseline)).toEqual(
      [],
    );
    // Comparing as a set works whatever the two clocks say: an error dated before the hand-over still counts.
    const skewed = { ...old, erroredOnUtc: '2020-01-01T00:00:00Z' };
    expect(newErrors(connection({ dataConnectionErrors: [old, skewed] }), baseline)).toEqual([skewed]);
  });

  it('reads the first sync per data type', () => {
    const progress = syncProgress({
      invoices: { dataType: 'invoices', currentStatus: 'Fetching' },
      bills: { dataType: 'bills', currentStatus: 'Complete' },
      company: { dataType: 'company', currentStatus: 'FetchError' },
      items: { dataType: 'items', currentStatus: 'NotSupported' },
      journals: null,
      customers: { dataType: 'customers' },
    });
    expect(progress.map((entry) => `${entry.dataType}:${entry.state}`)).toEqual([
      'bills:complete',
      'company:failed',
      'customers:in_progress',
      'invoices:in_progress',
      'items:not_supported',
    ]);
  });
});
