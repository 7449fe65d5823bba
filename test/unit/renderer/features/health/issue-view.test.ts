/** The Health issue list's order: "Sort by: Severity" is across categories; grouping by category is a choice. */
import { describe, expect, it } from 'vitest';
import type { HealthIssue, IssueCategory, Severity } from '@shared/domain/health/model';
import { buildIssueView, sortForDisplay, type IssueFilters } from '@renderer/features/health/issue-view';

const everything: IssueFilters = { platform: null, category: null };

function issue(index: number, category: IssueCategory, severity: Severity, hoursAgo: number): HealthIssue {
  const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  return {
    key: `${category}:${id}`,
    category,
    severity,
    companyId: id,
    companyName: `Company ${index}`,
    connectionId: id,
    platformName: 'Xero',
    platformKey: 'gbol',
    since: new Date(Date.parse('2026-06-10T12:00:00Z') - hoursAgo * 3_600_000).toISOString(),
    summary: `Issue ${index}`,
    action: { kind: 'relink', text: 'Send the customer the connection link.' },
    evidence: [],
  };
}

// The first categories (in the domain's order) hold only mild issues; the Critical ones come in later categories,
// as in the scan where the first Critical issue was row 53 of 102.
const issues = [
  issue(1, 'awaiting_authorisation', 'info', 30),
  issue(2, 'awaiting_authorisation', 'warning', 20),
  issue(3, 'authorisation_failed', 'warning', 10),
  issue(4, 'sync_failing', 'critical', 5),
  issue(5, 'stale_data', 'info', 50),
  issue(6, 'deauthorized', 'critical', 40),
];

const companiesShown = (items: ReturnType<typeof buildIssueView>['items']) =>
  items.map((item) => (item.kind === 'issue' ? item.issue.companyName : `[${item.category}]`));

describe('the Health issue list', () => {
  it('sorted by severity, is one list with the most severe first, whatever their category', () => {
    const view = buildIssueView(sortForDisplay(issues, 'severity'), everything, false);
    expect(companiesShown(view.items)).toEqual([
      'Company 6', // critical, older
      'Company 4', // critical
      'Company 2', // warning, older
      'Company 3', // warning
      'Company 5', // info, older
      'Company 1', // info
    ]);
    expect(view.shown.map((shown) => shown.companyName)).toEqual(companiesShown(view.items));
  });

  it('sorted by age, is one list with the oldest first, whatever their category', () => {
    const view = buildIssueView(sortForDisplay(issues, 'age'), everything, false);
    expect(companiesShown(view.items)).toEqual([
      'Company 5',
      'Company 6',
      'Company 1',
      'Company 2',
      'Company 3',
      'Company 4',
    ]);
  });

  it('grouped by category on request, each category sorted within, categories in the domain’s order', () => {
    const view = buildIssueView(sortForDisplay(issues, 'severity'), everything, true);
    expect(companiesShown(view.items)).toEqual([
      '[awaiting_authorisation]',
      'Company 2',
      'Company 1',
      '[authorisation_failed]',
      'Company 3',
      '[deauthorized]',
      'Company 6',
      '[sync_failing]',
      'Company 4',
      '[stale_data]',
      'Company 5',
    ]);
  });

  it('filters alike in both layouts, and counts each category for the chips either way', () => {
    const filters: IssueFilters = { platform: null, category: 'awaiting_authorisation' };
    const flat = buildIssueView(sortForDisplay(issues, 'severity'), filters, false);
    const grouped = buildIssueView(sortForDisplay(issues, 'severity'), filters, true);
    expect(flat.shown).toEqual(grouped.shown);
    expect(companiesShown(flat.items)).toEqual(['Company 2', 'Company 1']);
    expect(flat.categoryCounts.get('sync_failing')).toBe(1);
    expect(flat.platformTotal).toBe(6);
  });
});
