/**
 * The search results as a dense, virtualised listbox. Focus stays in the search box (which points at the
 * active row with aria-activedescendant); rows are rendered only near the viewport, and further pages load
 * as the user scrolls (or presses "Load more").
 */
import { usePageScroll } from '@renderer/hooks/usePageScroll';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { Company } from '@shared/codat/schemas';
import type { BridgeError } from '@shared/result';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
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
  // The page scrolls, not the list (no nested scrollbar); content above the list can move it.
  const { listRef, scrollElement, scrollMargin } = usePageScroll<HTMLDivElement>('.companies-page');

  const virtualizer = useVirtualizer({
    count: companies.length,
    getScrollElement: () => scrollElement,
    estimateSize: () => estimatedRowHeight,
    overscan: 8,
    scrollMargin,
    scrollPaddingStart: stickyOffset,
    getItemKey: (index) => companies[index]?.id ?? index,
  });
  const virtualRows = virtualizer.getVirtualItems();

  useEffect(() => {
    if (activeIndex !== null) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  // A new answer is a new list: do not leave the user looking at its middle (or past its end).
  const shownGeneration = useRef(props.generation);
  useEffect(() => {
    if (shownGeneration.current === props.generation) return;
    shownGeneration.current = props.generation;
    if (scrollElement && scrollElement.scrollTop > scrollMargin - stickyOffset) scrollElement.scrollTop = 0;
  }, [props.generation, scrollElement, scrollMargin, stickyOffset]);

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
        className={stale ? 'company-list is-stale' : 'company-list'}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualRows.map((row) => {
          const company = companies[row.index];
          if (!company) return null;
          const active = row.index === activeIndex;
          return (
            <div
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              role="option"
              id={props.optionId(row.index)}
              aria-selected={active}
              aria-posinset={row.index + 1}
              aria-setsize={props.totalResults}
              className={active ? 'company-row is-active' : 'company-row'}
              style={{ transform: `translateY(${row.start - scrollMargin}px)` }}
              // Keep focus in the search box: the click opens the company anyway.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onOpen(company)}
            >
              <span className="company-name">{company.name}</span>
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

/** The nearest ancestor that scrolls: the app's main area, as it happens. */
