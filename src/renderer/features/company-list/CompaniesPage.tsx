/**
 * Companies: find a customer's company as they say its name (or paste its ID), open it with the keyboard,
 * reopen a recent one with Alt+1…8, or create it without making an accidental duplicate.
 */
import './companies.css';
import { Plus, Search } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { StickyBar } from '@renderer/components/StickyBar';
import { useElementHeight } from '@renderer/hooks/useElementHeight';
import { isMac } from '@renderer/lib/platform';
import { shortcuts } from '@renderer/lib/shortcuts';
import { useAppStore, usePageRequest } from '@renderer/stores/app-store';
import { NewCompanyForm } from './new-company/NewCompanyForm';
import { RecentCompanies } from './RecentCompanies';
import { useRecentCompanies } from './recent-companies';
import { SearchResults } from './SearchResults';
import { usePageShortcuts } from './usePageShortcuts';
import { looksLikeIdOrLink, useCompanySearch } from './useCompanySearch';

/** Whether this page has been shown since the app loaded (see the Tab handling in onSearchKeyDown). */
let shownBefore = false;
const pageStep = 10;

export function CompaniesPage() {
  const baseId = useId();
  const ids = {
    hint: `${baseId}-hint`,
    recent: `${baseId}-recent`,
    results: `${baseId}-results`,
    resultsHeading: `${baseId}-results-heading`,
  };
  const [text, setText] = useState('');
  /** The keyboard's active row, valid only for the list it was chosen in. */
  const [active, setActive] = useState<{ generation: string; index: number } | null>(null);
  /** ArrowDown was pressed before this text's results arrived: their first row becomes active when they do. */
  const [wantsFirstRow, setWantsFirstRow] = useState<string | null>(null);
  /** Enter was pressed for this text before its results arrived: open then (the chosen row, or the only one). */
  const [opensWhenReady, setOpensWhenReady] = useState<string | null>(null);
  const [form, setForm] = useState<{ initialCustomerId: string } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const newCompanyRef = useRef<HTMLButtonElement>(null);
  const customerIdRef = useRef<HTMLInputElement>(null);
  // The search bar is sticky: rows scrolled to by keyboard must land below it.
  const { ref: toolbarRef, height: toolbarHeight } = useElementHeight<HTMLDivElement>();
  const { recent, remember } = useRecentCompanies();

  const open = useCallback(
    (company: { id: string; name: string }, connectionId: string | null = null) => {
      remember(company);
      useAppStore.getState().openCompany(company.id, connectionId);
    },
    [remember],
  );
  const search = useCompanySearch(text, open);
  const { answer, fresh, query } = search;
  /** The answer for exactly what is typed now, or null while searching. */
  const current = fresh ? answer : null;

  const showRecent = query === '' && recent.length > 0;
  const recentItems = showRecent ? recent : [];
  // Rows stay on screen (dimmed) while a newer search runs, unless there were none to keep.
  const showRows = !search.error && answer !== null && answer.companies.length > 0;
  const companies = showRows ? answer.companies : [];
  // Nothing matched: the close names offered stand where the rows would be, for the keyboard too.
  const suggestions = current && !current.byId && current.companies.length === 0 ? current.suggestions : [];
  // Dimmed rows of an older search can be clicked (they are in plain sight) but not chosen by keyboard.
  const navigableCompanies = current ? (companies.length > 0 ? companies : suggestions) : [];
  const itemCount = recentItems.length + navigableCompanies.length;
  const generation = `${answer?.generation ?? 0}:${recentItems.length}`;
  const chosenIndex = active?.generation === generation && active.index < itemCount ? active.index : null;
  const activeIndex =
    chosenIndex ?? (wantsFirstRow === query && navigableCompanies.length > 0 ? recentItems.length : null);
  const optionId = (index: number) =>
    index < recentItems.length ? `${ids.recent}-${index}` : `${ids.results}-${index - recentItems.length}`;
  const resultOptionId = (index: number) => `${ids.results}-${index}`;
  const recentOptionId = (index: number) => `${ids.recent}-${index}`;

  useEffect(() => {
    if (opensWhenReady === null || !current) return;
    setOpensWhenReady(null);
    if (opensWhenReady !== query) return;
    if (activeIndex !== null) openItem(activeIndex);
    else if (navigableCompanies.length === 1 && navigableCompanies[0]) open(navigableCompanies[0]);
  });

  const moveTo = (index: number | null) => {
    setActive(index === null ? null : { generation, index });
    setWantsFirstRow(null);
  };

  const openItem = (index: number) => {
    const item = index < recentItems.length ? recentItems[index] : navigableCompanies[index - recentItems.length];
    if (item) open(item);
  };

  const openForm = () => {
    if (form) {
      customerIdRef.current?.focus();
      return;
    }
    setForm({ initialCustomerId: looksLikeIdOrLink(text) ? '' : text.trim() });
  };
  // "New company" from the command palette.
  usePageRequest('newCompany', () => openForm());
  const closeForm = () => {
    setForm(null);
    newCompanyRef.current?.focus();
  };

  // Arriving here, and Ctrl/Cmd+K from anywhere, put the cursor in the search box.
  const focusRequests = useAppStore((state) => state.searchFocusRequests);
  const firstShownSinceLoad = useRef(!shownBefore);
  const focusedOnAppLoad = useRef(false);
  useEffect(() => {
    shownBefore = true;
    focusedOnAppLoad.current = firstShownSinceLoad.current && focusRequests === 0;
    searchRef.current?.focus();
    searchRef.current?.select();
  }, [focusRequests]);

  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const focusedByLoad = focusedOnAppLoad.current;
    focusedOnAppLoad.current = false;
    // On app load the cursor waits here for typing, yet the first Tab still starts where a keyboard or
    // screen-reader user expects: the skip link at the top of the document.
    if (focusedByLoad && event.key === 'Tab' && !event.shiftKey) {
      const skipLink = document.querySelector<HTMLElement>('.skip-link');
      if (skipLink) {
        event.preventDefault();
        skipLink.focus();
      }
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case 'ArrowDown': {
        event.preventDefault();
        const next = activeIndex === null ? 0 : activeIndex + 1;
        if (next < itemCount) {
          moveTo(next);
          if (next === itemCount - 1 && search.hasMore) search.loadMore();
        } else if (!current && !search.error) {
          // The results for what was just typed are not in yet: ask now, and land on them when they arrive.
          moveTo(null);
          setWantsFirstRow(query);
          search.searchNow();
        }
        return;
      }
      case 'ArrowUp':
        if (activeIndex === null) return;
        event.preventDefault();
        moveTo(activeIndex === 0 ? null : activeIndex - 1);
        return;
      case 'PageDown':
      case 'PageUp':
        if (activeIndex === null) return;
        event.preventDefault();
        moveTo(
          event.key === 'PageDown'
            ? Math.min(activeIndex + pageStep, itemCount - 1)
            : Math.max(activeIndex - pageStep, 0),
        );
        return;
      case 'Enter': {
        event.preventDefault();
        if (activeIndex !== null) openItem(activeIndex);
        else if (!showRecent && navigableCompanies.length === 1 && navigableCompanies[0]) open(navigableCompanies[0]);
        else {
          // Typed fast: the results for this text are not in yet. Keep the Enter for when they are.
          if (!current && !search.error && query !== '') setOpensWhenReady(query);
          search.searchNow();
        }
        return;
      }
      case 'Escape':
        setOpensWhenReady(null);
        // First Escape leaves the list, the next one clears the box.
        if (activeIndex !== null) {
          event.preventDefault();
          moveTo(null);
        } else if (text !== '') {
          event.preventDefault();
          setText('');
        }
        return;
    }
  };

  usePageShortcuts({ recent: recentItems, open, openForm, searchRef });

  const controls = [showRecent ? ids.recent : null, showRows || suggestions.length > 0 ? ids.results : null]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="companies-page" style={{ '--companies-sticky-offset': `${toolbarHeight}px` } as CSSProperties}>
      <StickyBar className="companies-toolbar" ref={toolbarRef}>
        <div className="companies-toolbar-row">
          <div className="search-field">
            <Search className="search-icon" aria-hidden="true" focusable="false" size={16} />
            <input
              ref={searchRef}
              type="search"
              aria-label="Search companies"
              placeholder="Company name, ID or Portal link"
              autoComplete="off"
              spellCheck={false}
              maxLength={200}
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                moveTo(null);
              }}
              onKeyDown={onSearchKeyDown}
              onBlur={() => (focusedOnAppLoad.current = false)}
              aria-controls={controls || undefined}
              aria-activedescendant={activeIndex === null ? undefined : optionId(activeIndex)}
              aria-describedby={ids.hint}
            />
          </div>
          <button
            ref={newCompanyRef}
            type="button"
            className="button button-primary new-company-button"
            onClick={openForm}
            aria-keyshortcuts={shortcuts.newCompany.aria}
            title={`New company (${shortcuts.newCompany.label})`}
          >
            <Plus aria-hidden="true" focusable="false" size={16} strokeWidth={2.5} />
            New company
          </button>
        </div>
        <p id={ids.hint} className="search-hint">
          <kbd>↓</kbd> <kbd>↑</kbd> choose · <kbd>Enter</kbd> open · <kbd>Esc</kbd> back to search
          {showRecent && (
            <>
              {' '}
              · <kbd>{isMac ? '⌥1' : 'Alt+1'}</kbd>…<kbd>{isMac ? '⌥8' : 'Alt+8'}</kbd> open a recent company
            </>
          )}{' '}
          · <kbd>{shortcuts.newCompany.label}</kbd> new company · <kbd>{shortcuts.palette.label}</kbd> commands
        </p>
      </StickyBar>

      {form && (
        <NewCompanyForm
          initialCustomerId={form.initialCustomerId}
          searchAnswer={answer}
          onOpen={open}
          onClose={closeForm}
          customerIdRef={customerIdRef}
        />
      )}

      {showRecent && (
        <RecentCompanies
          id={ids.recent}
          recent={recentItems}
          activeIndex={activeIndex !== null && activeIndex < recentItems.length ? activeIndex : null}
          optionId={recentOptionId}
          onOpen={open}
        />
      )}

      <SearchResults
        headingId={ids.resultsHeading}
        listId={ids.results}
        search={search}
        activeIndex={
          activeIndex !== null && activeIndex >= recentItems.length ? activeIndex - recentItems.length : null
        }
        optionId={resultOptionId}
        stickyOffset={toolbarHeight}
        onOpen={open}
      />
    </div>
  );
}
