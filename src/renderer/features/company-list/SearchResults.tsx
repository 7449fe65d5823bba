/** The search's answer: how many, the rows (or why there are none), and a way to try again when it failed. */
import type { Company } from '@shared/codat/schemas';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { SkeletonRows } from '@renderer/components/Skeleton';
import { useAppStore } from '@renderer/stores/app-store';
import { CompanyResults } from './CompanyResults';
import type { CompanySearch } from './useCompanySearch';

interface SearchResultsProps {
  headingId: string;
  listId: string;
  search: CompanySearch;
  /** The keyboard's active row among the results (focus stays in the search box). */
  activeIndex: number | null;
  optionId(index: number): string;
  /** Height of the sticky search bar above. */
  stickyOffset: number;
  onOpen(company: Company): void;
}

export function SearchResults(props: SearchResultsProps) {
  const { headingId, listId, search, activeIndex, optionId, stickyOffset, onOpen } = props;
  const { answer, fresh, query } = search;
  const profileName = useAppStore((state) => state.info?.activeProfile?.name ?? null);
  /** The answer for exactly what is typed now, or null while searching. */
  const current = fresh ? answer : null;
  // Rows stay on screen (dimmed) while a newer search runs, unless there were none to keep.
  const showRows = !search.error && answer !== null && answer.companies.length > 0;
  const total = answer?.totalResults ?? 0;

  return (
    <section className="search-results" aria-labelledby={headingId} aria-busy={(!fresh && !search.error) || undefined}>
      <div className="results-header">
        <h2 id={headingId} className="section-label">
          {query === '' ? 'All companies' : 'Search results'}
        </h2>
        <p className="results-count" role="status">
          {search.error ? (
            ''
          ) : !current ? (
            <span className="progress">
              <span className="spinner" aria-hidden="true" /> Searching…
            </span>
          ) : current.byId ? (
            current.companies.length === 1 ? (
              current.connectionId ? (
                'Found by connection ID: opening its company…'
              ) : (
                'Found by ID: opening it…'
              )
            ) : (
              ''
            )
          ) : (
            `${total.toLocaleString()} ${total === 1 ? 'company' : 'companies'}${query ? ` named like “${query}”` : ''}` +
            (current.loose ? ' (accents, spaces and punctuation aside)' : '')
          )}
        </p>
      </div>

      {search.error ? (
        <div>
          <ErrorNotice error={search.error} title="Could not search companies" />
          <button type="button" className="button" onClick={search.retry}>
            Search again
          </button>
        </div>
      ) : showRows ? (
        <CompanyResults
          id={listId}
          companies={answer.companies}
          totalResults={total}
          unreadable={answer.unreadable}
          activeIndex={activeIndex}
          optionId={optionId}
          generation={answer.generation}
          stale={!fresh}
          stickyOffset={stickyOffset}
          onOpen={onOpen}
          hasMore={search.hasMore}
          loadingMore={search.loadingMore}
          loadMoreError={search.loadMoreError}
          loadMore={search.loadMore}
        />
      ) : !current ? (
        <SkeletonRows rows={6} className="list-shell" />
      ) : current.byId ? (
        <p className="results-empty empty-note">
          No company has the ID <code>{query}</code>
          {profileName ? ` in ${profileName}` : ''}. Check it with the customer, or search by name.
        </p>
      ) : query && current.suggestions.length > 0 ? (
        <div className="results-empty">
          <p className="empty-note">No company is named like “{query}”. Did you mean one of these?</p>
          <ul id={listId} role="listbox" aria-label="Close matches" className="close-matches list-shell">
            {current.suggestions.map((company, index) => (
              <li
                key={company.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === activeIndex}
                className={index === activeIndex ? 'company-row is-active' : 'company-row'}
                // Keep focus in the search box: the click opens the company anyway.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => onOpen(company)}
              >
                <span className="company-name">{company.name}</span>
              </li>
            ))}
          </ul>
          <p className="empty-note">
            None of them? Create it with <strong>New company</strong>.
          </p>
        </div>
      ) : query ? (
        <p className="results-empty empty-note">
          No company is named like “{query}”. Create it with <strong>New company</strong>.
        </p>
      ) : (
        <p className="results-empty empty-note">
          There are no companies{profileName ? ` in ${profileName}` : ''} yet. Create one with{' '}
          <strong>New company</strong>.
        </p>
      )}
    </section>
  );
}
