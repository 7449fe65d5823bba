/**
 * The scan's findings: category chips with counts (which filter), sort and filters, Export CSV, and the issues in
 * one list in the chosen order (or grouped by category, if asked). Sorting happens once per result set and sort
 * order; filtering and grouping are one pass.
 */
import { Download } from 'lucide-react';
import {
  lazy,
  memo,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
} from 'react';
import { categoryLabels, issueCategories, type HealthIssue, type IssueCategory } from '@shared/domain/health/model';
import type { BridgeError } from '@shared/result';
import { EmptyState } from '@renderer/components/EmptyState';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { SkeletonRows } from '@renderer/components/Skeleton';
import { StickyBar } from '@renderer/components/StickyBar';
import { useElementHeight } from '@renderer/hooks/useElementHeight';
import { formatDateTime } from '@renderer/lib/format';
import { useAppStore } from '@renderer/stores/app-store';
import { datedFileName } from '@renderer/lib/csv';
import { downloadCsv } from '@renderer/lib/download';
import { selectableTargets, selectAllState, targetOf, type FreshLinkTarget } from './bulk/fresh-links';
import { FreshLinksBar } from './bulk/FreshLinksBar';
import { useFreshLinkRun } from './bulk/useFreshLinkRun';
import { issuesToCsv } from './csv';
import { countOf, numberFormat, scanTime } from './health-format';
import { IssueList } from './IssueList';
import { buildIssueView, platformsOf, sortForDisplay, type IssueFilters, type SortKey } from './issue-view';
import type { ScanResults } from './useHealthScan';

const noIssues: HealthIssue[] = [];
const FreshLinksDialog = lazy(() => import('./bulk/FreshLinksDialog'));
const noFilters: IssueFilters = { platform: null, category: null };
/** Select values for the platform filter (names are prefixed so no platform name can collide with these). */
const allPlatformsValue = 'all';
const noPlatformValue = 'none';

interface IssuesSectionProps {
  results: ScanResults | null;
  /** The scan running now, if any (its id), to tell its partial results from an earlier scan's. */
  runningScanId: string | null;
  loading: boolean;
  loadError: BridgeError | null;
  onRetry(): void;
}

export const IssuesSection = memo(function IssuesSection(props: IssuesSectionProps) {
  const { results, runningScanId, loading, loadError, onRetry } = props;
  const baseId = useId();
  const [sortBy, setSortBy] = useState<SortKey>('severity');
  const [filters, setFilters] = useState<IssueFilters>(noFilters);
  // Off by default: "most severe first" means across categories, so the first Critical issue is the first row.
  const [groupByCategory, setGroupByCategory] = useState(false);
  // The toolbar is sticky: rows scrolled to by keyboard must land below it.
  const { ref: toolbarRef, height: toolbarHeight } = useElementHeight<HTMLDivElement>();

  const issues = results?.issues ?? noIssues;
  const sorted = useMemo(() => sortForDisplay(issues, sortBy), [issues, sortBy]);
  const platforms = useMemo(() => platformsOf(issues), [issues]);
  const view = useMemo(() => buildIssueView(sorted, filters, groupByCategory), [sorted, filters, groupByCategory]);
  const filtered = filters.platform !== null || filters.category !== null;

  const setCategory = (category: IssueCategory | null) => setFilters((current) => ({ ...current, category }));
  const open = (issue: HealthIssue) => useAppStore.getState().openCompany(issue.companyId);
  const exportCsv = () => downloadCsv(issuesToCsv(view.shown), datedFileName('health'));

  // Fresh links in bulk: the selection is kept by company and connection, not by row (rows come and go as the list
  // scrolls); only connections the current results still need a link for count.
  const [selected, setSelected] = useState<ReadonlyMap<string, FreshLinkTarget>>(new Map());
  const selectable = useMemo(() => selectableTargets(issues), [issues]);
  const shownSelectable = useMemo(() => selectableTargets(view.shown), [view.shown]);
  const chosen = useMemo(() => selectable.filter((target) => selected.has(target.key)), [selectable, selected]);
  const allShown = selectAllState(shownSelectable, selected);
  const toggle = useCallback((issue: HealthIssue) => {
    const target = targetOf(issue);
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(target.key)) next.delete(target.key);
      else next.set(target.key, target);
      return next;
    });
  }, []);
  const selection = useMemo(
    () => (selectable.length > 0 ? { isSelected: (key: string) => selected.has(key), toggle } : undefined),
    [selectable.length, selected, toggle],
  );
  const toggleAllShown = () =>
    setSelected((current) => {
      const next = new Map(current);
      for (const target of shownSelectable) {
        if (allShown === 'all') next.delete(target.key);
        else next.set(target.key, target);
      }
      return next;
    });
  const selectAllRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = allShown === 'some';
  });
  const freshLinks = useFreshLinkRun();
  const createRef = useRef<HTMLButtonElement>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const createFreshLinks = () => {
    setDialogOpen(true);
    void freshLinks.start(chosen);
  };
  const closeFreshLinks = () => {
    // The ones that worked are done with; failures and those not asked for stay selected, to try again.
    const worked = new Set(freshLinks.run?.done.map((item) => item.target.key));
    setSelected((current) => new Map([...current].filter(([key]) => !worked.has(key))));
    setDialogOpen(false);
    freshLinks.dismiss();
  };

  if (loadError) {
    return (
      <section className="issues" aria-label="Issues">
        <ErrorNotice title="Could not read the scan results" error={loadError} />
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </section>
    );
  }
  if (loading || (!results && runningScanId)) {
    return (
      <section className="issues" aria-label="Issues" aria-busy="true">
        <SkeletonRows
          rows={6}
          className="issue-skeleton list-shell"
          columns={['70%', (row) => `${45 + ((row * 17) % 35)}%`, (row) => `${55 + ((row * 23) % 40)}%`, '60%']}
        />
      </section>
    );
  }
  if (!results) {
    return (
      <EmptyState title="No scan yet">
        Scan all companies to find stuck connections, customers who never finished authorising, lapsed access and
        failing syncs, each with what to do next. A scan reads each company once and looks closer only where something
        seems off, leaving most of the day’s requests for your team.
      </EmptyState>
    );
  }

  const resultsScan = results.scan;
  const partial = resultsScan.state === 'running';
  const earlierScan = runningScanId !== null && runningScanId !== resultsScan.scanId;
  const when = resultsScan.finishedAt ?? resultsScan.startedAt;
  const categoriesFound = issueCategories.filter(
    (category) => (view.categoryCounts.get(category) ?? 0) > 0 || filters.category === category,
  );
  const ids = { heading: `${baseId}-heading`, sort: `${baseId}-sort`, platform: `${baseId}-platform` };

  return (
    <section
      className="issues"
      aria-labelledby={ids.heading}
      style={{ '--health-sticky-offset': `${toolbarHeight}px` } as CSSProperties}
    >
      <div className="issues-header">
        <h2 id={ids.heading}>Issues</h2>
        <p className="issues-source">
          {earlierScan
            ? 'From the previous scan, at '
            : partial
              ? 'Found so far by the scan started at '
              : 'From the scan at '}
          <time dateTime={when} title={formatDateTime(when)}>
            {scanTime(when)}
          </time>
          {earlierScan ? ': this scan’s results replace them shortly' : ''}
        </p>
      </div>

      {issues.length > 0 && (
        <div className="category-chips" role="group" aria-label="Categories found">
          <button
            type="button"
            className="category-chip"
            aria-pressed={filters.category === null}
            onClick={() => setCategory(null)}
          >
            All issues <span className="chip-count">{numberFormat.format(view.platformTotal)}</span>
          </button>
          {categoriesFound.map((category) => (
            <button
              key={category}
              type="button"
              className="category-chip"
              data-category={category}
              aria-pressed={filters.category === category}
              // A second press on the chosen chip shows every category again.
              onClick={() => setCategory(filters.category === category ? null : category)}
            >
              {categoryLabels[category]}{' '}
              <span className="chip-count">{numberFormat.format(view.categoryCounts.get(category) ?? 0)}</span>
            </button>
          ))}
        </div>
      )}

      {issues.length > 0 && (
        <StickyBar className="issues-toolbar" ref={toolbarRef}>
          <div className="issues-toolbar-row">
            <label className="toolbar-field">
              <span>Sort by</span>
              <select value={sortBy} onChange={(event) => setSortBy(event.target.value as SortKey)}>
                <option value="severity">Severity</option>
                <option value="age">Age</option>
              </select>
            </label>
            <label className="choice group-choice">
              <input
                type="checkbox"
                checked={groupByCategory}
                onChange={(event) => setGroupByCategory(event.target.checked)}
              />
              Group by category
            </label>
            <label className="toolbar-field platform-filter">
              <span>Platform</span>
              <select
                value={
                  filters.platform === null
                    ? allPlatformsValue
                    : filters.platform === ''
                      ? noPlatformValue
                      : `platform:${filters.platform}`
                }
                onChange={(event) => {
                  const value = event.target.value;
                  const platform =
                    value === allPlatformsValue
                      ? null
                      : value === noPlatformValue
                        ? ''
                        : value.slice('platform:'.length);
                  setFilters((current) => ({ ...current, platform }));
                }}
              >
                <option value={allPlatformsValue}>All platforms</option>
                {platforms.names.map((name) => (
                  <option key={name} value={`platform:${name}`}>
                    {name}
                  </option>
                ))}
                {platforms.someWithout && <option value={noPlatformValue}>No connection</option>}
              </select>
            </label>
            <label className="toolbar-field category-filter">
              <span>Category</span>
              <select
                value={filters.category ?? 'all'}
                onChange={(event) =>
                  setCategory(event.target.value === 'all' ? null : (event.target.value as IssueCategory))
                }
              >
                <option value="all">All categories</option>
                {issueCategories.map((category) => (
                  <option key={category} value={category}>
                    {categoryLabels[category]} ({numberFormat.format(view.categoryCounts.get(category) ?? 0)})
                  </option>
                ))}
              </select>
            </label>
            {shownSelectable.length > 0 && (
              <label className="choice select-all-choice">
                <input ref={selectAllRef} type="checkbox" checked={allShown === 'all'} onChange={toggleAllShown} />
                Select all shown
              </label>
            )}
            <button
              type="button"
              className="button export-button"
              onClick={exportCsv}
              disabled={view.shown.length === 0}
            >
              <Download aria-hidden="true" focusable="false" size={15} />
              Export CSV
            </button>
          </div>
          <div className="issues-toolbar-meta">
            <p className="issues-count" role="status">
              {filtered
                ? `Showing ${numberFormat.format(view.shown.length)} of ${countOf(issues.length, 'issue', 'issues')}`
                : `${countOf(issues.length, 'issue', 'issues')}${partial && !earlierScan ? ' so far' : ''}`}
            </p>
            <p className="issues-hint">
              <kbd>↓</kbd> <kbd>↑</kbd> move between issues · <kbd>Enter</kbd> open the company
            </p>
          </div>
        </StickyBar>
      )}

      {issues.length === 0 ? (
        <p className="issues-empty empty-note">
          {partial
            ? 'No issues found so far.'
            : resultsScan.state === 'finished'
              ? `No issues found: all ${countOf(resultsScan.companiesScanned, 'company', 'companies')} look healthy.`
              : `No issues in the ${countOf(resultsScan.companiesScanned, 'company', 'companies')} scanned before the scan stopped.`}
        </p>
      ) : view.items.length === 0 ? (
        <div className="issues-empty empty-note">
          <p>No issues match these filters.</p>
          <button type="button" className="button" onClick={() => setFilters(noFilters)}>
            Clear filters
          </button>
        </div>
      ) : (
        <div className="issue-table list-shell">
          <div className={`issue-columns list-columns${selection ? ' with-select' : ''}`} aria-hidden="true">
            {selection && <span />}
            <span className="issue-columns-main">
              <span>Severity</span>
              <span>Company · platform</span>
              <span>{groupByCategory ? 'What is wrong · next step' : 'Category · what is wrong · next step'}</span>
              <span>Since</span>
            </span>
          </div>
          <IssueList
            items={view.items}
            generation={`${sortBy}|${groupByCategory}|${filters.platform ?? '*'}|${filters.category ?? '*'}`}
            showCategory={!groupByCategory}
            stickyOffset={toolbarHeight}
            onOpen={open}
            {...(selection ? { selection } : {})}
          />
        </div>
      )}

      {chosen.length > 0 && (
        <FreshLinksBar
          count={chosen.length}
          busy={freshLinks.run?.state === 'running'}
          onCreate={createFreshLinks}
          onClear={() => setSelected(new Map())}
          buttonRef={createRef}
        />
      )}
      {dialogOpen && freshLinks.run && (
        <Suspense fallback={null}>
          <FreshLinksDialog
            run={freshLinks.run}
            onCancel={freshLinks.cancel}
            onClose={closeFreshLinks}
            returnFocusTo={createRef}
          />
        </Suspense>
      )}
    </section>
  );
});
