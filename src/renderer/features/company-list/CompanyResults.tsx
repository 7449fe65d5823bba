/**
 * The search results as a dense, virtualised listbox. Focus stays in the search box (which points at the
 * active row with aria-activedescendant); rows are rendered only near the viewport, and further pages load
 * as the user scrolls (or presses "Load more").
 */
import { useEffect } from 'react';
import type { Company } from '@shared/codat/schemas';
import type { BridgeError } from '@shared/result';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { usePageVirtualRows } from '@renderer/hooks/useVirtualRows';
import { formatDateTime, formatRelative } from '@renderer/lib/format';
import { ConnectionChips } from './ConnectionChips';
import { searchPageSize } from './useCompanySearch';

const estimatedRowHeight = 45;
/** Start fetching the next page this many rows before the end comes into view. */
const loadAheadRows = 20;

interface CompanyResultsProps {
  id: string;
  companies: Company[];
  totalResults: number;
  /** Companies Codat listed that Linkdesk could not read, so are not shown. */
  unreadable: number;
  activeIndex: number | null;
  optionId(index: number): string;
  /** Changes with each new search: its rows start from the top again. */
  generation: number;
  /** The rows are for older text while a newer search runs: shown dimmed, marked busy. */
  stale: boolean;
  /** Height of the sticky search bar, so keyboard scrolling never hides the active row under it. */
  stickyOffset: number;
  onOpen(company: Company): void;
  hasMore: boolean;
  loadingMore: boolean;
  loadMoreError: BridgeError | null;
  loadMore(): void;
}

export function CompanyResults(props: CompanyResultsProps) {
  const { companies, activeIndex, stale, stickyOffset, onOpen, hasMore, loadingMore, loadMoreError, loadMore } = props;
  // The page scrolls, not the list (no nested scrollbar); a new answer starts from the top of the page.
  const {
    listRef,
    virtualizer,
    rows: virtualRows,
    totalSize,
    place,
  } = usePageVirtualRows<HTMLDivElement>({
    count: companies.length,
    estimateSize: () => estimatedRowHeight,
    overscan: 8,
    getItemKey: (index) => companies[index]?.id ?? index,
    containerSelector: '.companies-page',
    stickyOffset,
    generation: props.generation,
    scrollBackTo: 'page',
  });

  useEffect(() => {
    if (activeIndex !== null) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  const lastRenderedIndex = virtualRows.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && !loadingMore && !loadMoreError && lastRenderedIndex >= companies.length - loadAheadRows) loadMore();
  }, [hasMore, loadingMore, loadMoreError, lastRenderedIndex, companies.length, loadMore]);

  return (
    <div className="company-results list-shell">
      <div className="company-columns list-columns" aria-hidden="true">
        <span>Name</span>
        <span>Created</span>
        <span>Connections</span>
      </div>
      <div
        ref={listRef}
        id={props.id}
        role="listbox"
        aria-label="Companies"
        aria-busy={stale || undefined}
        className={stale ? 'company-list virtual-rows is-stale' : 'company-list virtual-rows'}
        style={{ height: totalSize }}
      >
        {virtualRows.map((row) => {
          const company = companies[row.index];
          if (!company) return null;
          const active = row.index === activeIndex;
          return (
            <div
              key={row.key}
              {...place(row)}
              role="option"
              id={props.optionId(row.index)}
              aria-selected={active}
              aria-posinset={row.index + 1}
              aria-setsize={props.totalResults}
              className={active ? 'company-row is-active' : 'company-row'}
              // Keep focus in the search box: the click opens the company anyway.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onOpen(company)}
            >
              <span className="company-name clamp-2" title={company.name}>
                {company.name}
              </span>
              <span className="company-created">
                {company.created ? (
                  <>
                    <span className="visually-hidden">, created </span>
                    <time dateTime={company.created} title={formatDateTime(company.created)}>
                      {formatRelative(company.created)}
                    </time>
                  </>
                ) : (
                  <span className="muted">Not known</span>
                )}
              </span>
              <span className="company-connections">
                <span className="visually-hidden">, </span>
                <ConnectionChips company={company} />
              </span>
            </div>
          );
        })}
      </div>
      {hasMore && (
        <div className="load-more">
          <button type="button" className="button" onClick={loadMore} disabled={loadingMore}>
            Load more
          </button>
          <span className="muted">
            Showing {companies.length.toLocaleString()} of {props.totalResults.toLocaleString()}
          </span>
          {loadingMore && (
            <span className="progress" role="status">
              <span className="spinner" aria-hidden="true" /> Loading the next{' '}
              {Math.min(searchPageSize, props.totalResults - companies.length - props.unreadable)}…
            </span>
          )}
        </div>
      )}
      {props.unreadable > 0 && (
        <p className="muted unreadable-note">
          {props.unreadable === 1
            ? '1 company Codat listed could not be read, so it is not shown.'
            : `${props.unreadable.toLocaleString()} companies Codat listed could not be read, so they are not shown.`}
        </p>
      )}
      {loadMoreError && <ErrorNotice error={loadMoreError} title="Could not load more companies" />}
    </div>
  );
}
