/**
 * Fresh links in bulk on the Health page: "Select all shown" takes only the rows the filters leave and is mixed when
 * only some are selected; creating links shows its progress, Cancel stops asking while keeping what was created,
 * and the quota guard stops before a request. Only the bridge is replaced.
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OperationOutput, ScanState } from '@shared/contract';
import type { HealthIssue } from '@shared/domain/health/model';
import type { Result } from '@shared/result';
import { linkdesk } from '@renderer/api';
import { IssuesSection } from '@renderer/features/health/IssuesSection';
import { useAppStore } from '@renderer/stores/app-store';

vi.mock('@renderer/api', () => ({
  hostBridge: 'http',
  linkdesk: { followups: { freshLink: vi.fn() }, invites: { settings: vi.fn(), composed: vi.fn() } },
}));
const freshLink = vi.mocked(linkdesk.followups.freshLink);

// jsdom measures nothing; the list only needs the observer to exist.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

type FreshLink = OperationOutput<'followups.freshLink'>;

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
function issue(n: number, category: HealthIssue['category'], platformName: string): HealthIssue {
  return {
    key: `${category}:${id(100 + n)}`,
    category,
    severity: 'warning',
    companyId: id(n),
    companyName: `Company ${n}`,
    connectionId: id(100 + n),
    platformName,
    platformKey: platformName === 'Xero' ? 'gbol' : 'qhyg',
    since: '2026-11-01T00:00:00.000Z',
    summary: 'Something is wrong.',
    action: { kind: category === 'sync_failing' ? 'refresh_data_type' : 'send_fresh_link', text: 'Do something.' },
    evidence: [],
  };
}
const issues = [
  issue(1, 'awaiting_authorisation', 'Xero'),
  issue(2, 'deauthorized', 'Xero'),
  issue(3, 'authorisation_failed', 'QuickBooks Online'),
  // Not fixed by the customer through a link: never selectable.
  issue(4, 'sync_failing', 'Xero'),
];
const scan = {
  scanId: 'scan-1',
  state: 'finished',
  startedAt: '2026-11-30T08:00:00.000Z',
  finishedAt: '2026-11-30T08:01:00.000Z',
  companiesScanned: 4,
  totalCompanies: 4,
  requestsUsed: 1,
  closerLooks: 0,
  reused: 0,
  rateLimitRemaining: null,
  issuesFound: 4,
} as ScanState;

function linkFor(n: number): FreshLink {
  return {
    url: `https://link.example/companies/${id(n)}/connections/${id(100 + n)}/start?otp=123456`,
    expiresAt: '2026-12-01T08:00:00.000Z',
    lastRecipient: null,
    handOver: {
      company: { id: id(n), name: `Company ${n}` },
      connection: { id: id(100 + n), platformKey: 'gbol', platformName: 'Xero' },
      link: { issuedAt: '2026-11-30T08:00:00.000Z', expiresAt: '2026-12-01T08:00:00.000Z' },
    } as FreshLink['handOver'],
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

function renderSection() {
  return render(
    <div className="health-page">
      <IssuesSection
        results={{ scan, issues }}
        runningScanId={null}
        loading={false}
        loadError={null}
        onRetry={() => {}}
      />
    </div>,
  );
}

beforeEach(() => {
  freshLink.mockReset();
  useAppStore.setState({ rateLimit: null });
});

describe('selecting issues for fresh links', () => {
  it('selects all shown, and only those the platform filter leaves', async () => {
    const user = userEvent.setup();
    renderSection();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Platform' }), 'Xero');
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    expect((screen.getByRole('checkbox', { name: 'Select all shown' }) as HTMLInputElement).checked).toBe(true);
    // Companies 1 and 2 on Xero; the sync failure is not fixed through a link.
    expect(screen.getByText('2 connections selected')).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Platform' }), 'All platforms');
    const all = screen.getByRole('checkbox', { name: 'Select all shown' }) as HTMLInputElement;
    expect(all.checked).toBe(false);
    expect(all.indeterminate).toBe(true);
    await user.click(all);
    expect(screen.getByText('3 connections selected')).toBeTruthy();
    expect(all.indeterminate).toBe(false);
    await user.click(all);
    expect(screen.queryByRole('button', { name: 'Create fresh links' })).toBeNull();
  });
});

describe('creating fresh links', () => {
  it('shows progress, and Cancel stops asking while keeping the links already created', async () => {
    const user = userEvent.setup();
    const answers = [deferred<Result<FreshLink>>(), deferred<Result<FreshLink>>(), deferred<Result<FreshLink>>()];
    freshLink.mockImplementation(() => answers[freshLink.mock.calls.length - 1]!.promise);
    renderSection();
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    await user.click(screen.getByRole('button', { name: 'Create fresh links' }));
    const dialog = await screen.findByRole('dialog', { name: 'Creating fresh links' });
    expect(within(dialog).getByRole('status').textContent).toBe('0 of 3');
    // Two at a time at most.
    expect(freshLink).toHaveBeenCalledTimes(2);
    await act(async () => answers[0]!.resolve({ ok: true, value: linkFor(1) }));
    expect(within(dialog).getByRole('status').textContent).toBe('1 of 3');
    expect(freshLink).toHaveBeenCalledTimes(3);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(within(dialog).getByRole('status').textContent).toBe(
      '1 of 3: cancelling, waiting for the links already asked for',
    );
    await act(async () => answers[1]!.resolve({ ok: true, value: linkFor(2) }));
    await act(async () =>
      answers[2]!.resolve({
        ok: false,
        error: { code: 'codat', message: 'Codat refused.', status: 500, correlationId: 'corr-3' },
      }),
    );
    const finished = await screen.findByRole('dialog', { name: '2 fresh links' });
    expect(within(finished).getByText(/3 of 3: cancelled/)).toBeTruthy();
    expect(within(finished).getByRole('button', { name: 'Export mail merge CSV' })).toBeTruthy();
    expect(within(finished).getByText('corr-3')).toBeTruthy();
  });

  it('stops before a request once the day’s quota is down to the reserve, and says so', async () => {
    const user = userEvent.setup();
    freshLink.mockImplementation(async ({ companyId }) => {
      // The first answer brings the figures: 40 left of 1 000.
      useAppStore.setState({ rateLimit: { limit: 1000, remaining: 40, resetAt: null } });
      return { ok: true, value: linkFor(Number(companyId.slice(-2))) };
    });
    renderSection();
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    await user.click(screen.getByRole('button', { name: 'Create fresh links' }));
    const dialog = await screen.findByRole('dialog', { name: /fresh link/ });
    expect(await within(dialog).findByText(/stopped, 40 of today’s Codat requests are left/)).toBeTruthy();
    // The first request brought the figures; the others were never asked for.
    expect(freshLink).toHaveBeenCalledTimes(1);
    expect(within(dialog).getByText(/Not asked for: Company 2, Company 3/)).toBeTruthy();
  });
});
