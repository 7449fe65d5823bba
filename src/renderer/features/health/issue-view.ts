/**
 * What the issue list shows: the scan's issues sorted (by the shared sortIssues order) and filtered, as one list
 * in that order or, when asked, grouped by category. Pure and linear after the sort, so re-filtering 10 000+
 * issues takes a few milliseconds.
 */
import {
  issueCategories,
  severityRank,
  sortIssues,
  type HealthIssue,
  type IssueCategory,
} from '@shared/domain/health/model';

export type SortKey = 'severity' | 'age';

/** `null` shows every platform; '' is the issues without a connection (and so without a platform). */
export interface IssueFilters {
  platform: string | null;
  category: IssueCategory | null;
}

export type IssueListItem =
  | { kind: 'heading'; key: string; category: IssueCategory; count: number }
  | { kind: 'issue'; key: string; issue: HealthIssue };

export interface IssueView {
  /** Rows (and, when grouped, category headings), in display order, for the virtualised list. */
  items: IssueListItem[];
  /** The issues shown, in display order (what Export CSV writes). */
  shown: HealthIssue[];
  /** Per category, how many issues the platform filter leaves (the chips' counts, ignoring the category filter). */
  categoryCounts: Map<IssueCategory, number>;
  /** How many issues the platform filter leaves. */
  platformTotal: number;
}

/**
 * The shared order, fast. sortIssues parses both dates inside its comparator, which costs ~50 ms (a long task) for
 * 12 000 issues. Ordering by keys parsed once first hands it input that is already in order, which its stable
 * sort confirms in a single pass; so sortIssues stays the authority on the order, and the whole takes ~15 ms.
 */
export function sortForDisplay(issues: readonly HealthIssue[], by: SortKey): HealthIssue[] {
  const keyed = issues.map((issue, index) => ({
    issue,
    index,
    rank: severityRank[issue.severity],
    time: issue.since ? Date.parse(issue.since) : Number.POSITIVE_INFINITY,
  }));
  keyed.sort((a, b) =>
    by === 'severity'
      ? a.rank - b.rank || a.time - b.time || a.index - b.index
      : a.time - b.time || a.rank - b.rank || a.index - b.index,
  );
  return sortIssues(
    keyed.map((entry) => entry.issue),
    by,
  );
}

/**
 * Filters sorted issues. Ungrouped, the sort order is the order shown (the most severe first, whatever their
 * category); grouped, each category's issues come under its heading, categories in the domain's order.
 */
export function buildIssueView(
  sorted: readonly HealthIssue[],
  filters: IssueFilters,
  groupByCategory: boolean,
): IssueView {
  const groups = new Map<IssueCategory, HealthIssue[]>();
  const categoryCounts = new Map<IssueCategory, number>();
  const ungrouped: HealthIssue[] = [];
  let platformTotal = 0;
  for (const issue of sorted) {
    if (filters.platform !== null && (issue.platformName ?? '') !== filters.platform) continue;
    platformTotal += 1;
    categoryCounts.set(issue.category, (categoryCounts.get(issue.category) ?? 0) + 1);
    if (filters.category !== null && issue.category !== filters.category) continue;
    if (!groupByCategory) {
      ungrouped.push(issue);
      continue;
    }
    let group = groups.get(issue.category);
    if (!group) groups.set(issue.category, (group = []));
    group.push(issue);
  }
  if (!groupByCategory) {
    const items = ungrouped.map((issue): IssueListItem => ({ kind: 'issue', key: issue.key, issue }));
    return { items, shown: ungrouped, categoryCounts, platformTotal };
  }
  const items: IssueListItem[] = [];
  const shown: HealthIssue[] = [];
  for (const category of issueCategories) {
    const group = groups.get(category);
    if (!group) continue;
    items.push({ kind: 'heading', key: `heading:${category}`, category, count: group.length });
    for (const issue of group) {
      items.push({ kind: 'issue', key: issue.key, issue });
      shown.push(issue);
    }
  }
  return { items, shown, categoryCounts, platformTotal };
}

/** The platforms the issues mention, alphabetically, and whether some issues have none. */
export function platformsOf(issues: readonly HealthIssue[]): { names: string[]; someWithout: boolean } {
  const names = new Set<string>();
  let someWithout = false;
  for (const issue of issues) {
    if (issue.platformName) names.add(issue.platformName);
    else someWithout = true;
  }
  return { names: [...names].sort((a, b) => a.localeCompare(b)), someWithout };
}
