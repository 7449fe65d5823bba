/**
 * Type-ahead company search. Debounced; every request carries a sequence number and only the latest one's
 * answer is ever shown, so a slow answer for "har" can never replace the answer for "harbour".
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Company } from '@shared/codat/schemas';
import type { BridgeError } from '@shared/result';
import { isCodatId, parseLink } from '@shared/links';
import { linkdesk } from '@renderer/api';
import { useAppStore } from '@renderer/stores/app-store';

export const searchPageSize = 100;
export const searchDebounceMs = 250;
/** How often a search that someone else cancelled (another window, another caller) is asked again. */
const maxCancelledRetries = 2;

export function looksLikeCompanyId(text: string): boolean {
  return isCodatId(text.trim());
}

/** An ID or an address (Portal, deep link), not a name: looked up as soon as it is pasted. */
export function looksLikeIdOrLink(text: string): boolean {
  return parseLink(text).kind !== 'text';
}

/** One search's accepted answer, with every page loaded so far. */
export interface SearchAnswer {
  /** The trimmed text and profile this answer is for. */
  text: string;
  profileId: string | null;
  /** Changes with each new search (not with "load more"): the keyboard's active row resets when it does. */
  generation: number;
  companies: Company[];
  totalResults: number;
  /** Companies Codat listed on the pages loaded that Linkdesk could not read (left out of `companies`). */
  unreadable: number;
  pagesLoaded: number;
  byId: boolean;
  /** Found by a connection's ID (or a link to it): the connection to point at in its company. */
  connectionId: string | null;
  /** Matched only once accents, spaces and punctuation were set aside. */
  loose: boolean;
  /** Nothing matched: the closest names, to offer before "New company". */
  suggestions: Company[];
}

interface SearchState {
  answer: SearchAnswer | null;
  /** The latest search failed; kept with its text so it is only shown for that text. */
  failure: { text: string; profileId: string | null; error: BridgeError } | null;
  loadingMore: boolean;
  loadMoreError: BridgeError | null;
}

const initialState: SearchState = { answer: null, failure: null, loadingMore: false, loadMoreError: null };

export interface CompanySearch {
  /** The trimmed text being searched for. */
  query: string;
  answer: SearchAnswer | null;
  /** The answer shown is for exactly the current text and profile. */
  fresh: boolean;
  error: BridgeError | null;
  loadingMore: boolean;
  loadMoreError: BridgeError | null;
  hasMore: boolean;
  loadMore(): void;
  /** Skips the debounce (Enter pressed before it ran). */
  searchNow(): void;
  retry(): void;
}

export function useCompanySearch(
  text: string,
  onFoundById: (company: Company, connectionId: string | null) => void,
): CompanySearch {
  const query = text.trim();
  const profileId = useAppStore((state) => state.info?.activeProfile?.id ?? null);
  // Wait until the active profile is known, so start-up does not search twice (requests are counted).
  const profileSettled = useAppStore((state) => state.info !== null || state.infoError !== null);
  const [state, setState] = useState<SearchState>(initialState);
  // Mirrors `state` for callbacks that must see the newest value without re-subscribing.
  const stateRef = useRef(state);
  const update = useCallback((change: (previous: SearchState) => SearchState) => {
    stateRef.current = change(stateRef.current);
    setState(stateRef.current);
  }, []);
  const latestRequest = useRef(0);
  const debounceTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onFoundByIdRef = useRef(onFoundById);
  useEffect(() => {
    onFoundByIdRef.current = onFoundById;
  }, [onFoundById]);

  const run = useCallback(
    async (searchText: string, searchProfileId: string | null, attempt = 0) => {
      const request = ++latestRequest.current;
      const result = await linkdesk.companies.search({ text: searchText, page: 1, pageSize: searchPageSize });
      if (request !== latestRequest.current) return; // a newer search owns the screen
      if (!result.ok) {
        if (result.error.code === 'cancelled') {
          // Still ours to answer, so something else superseded it: ask again rather than spin forever.
          if (attempt < maxCancelledRetries) void run(searchText, searchProfileId, attempt + 1);
          return;
        }
        update((previous) => ({
          ...previous,
          failure: { text: searchText, profileId: searchProfileId, error: result.error },
        }));
        return;
      }
      const { results, totalResults, byId, unreadable, connectionId, loose, suggestions } = result.value;
      update(() => ({
        answer: {
          text: searchText,
          profileId: searchProfileId,
          generation: request,
          companies: results,
          totalResults,
          unreadable,
          pagesLoaded: 1,
          byId,
          connectionId,
          loose,
          suggestions,
        },
        failure: null,
        loadingMore: false,
        loadMoreError: null,
      }));
      const [only] = results;
      if (byId && results.length === 1 && only) onFoundByIdRef.current(only, connectionId);
    },
    [update],
  );

  const cancelDebounce = useCallback(() => {
    if (debounceTimer.current !== null) clearTimeout(debounceTimer.current);
    debounceTimer.current = null;
  }, []);

  useEffect(() => {
    // Whatever is in flight is for older text now: its answer must not land.
    latestRequest.current += 1;
    if (!profileSettled) return;
    // Nothing to wait for when the box is cleared or a whole ID or link was pasted.
    const delay = query === '' || looksLikeIdOrLink(query) ? 0 : searchDebounceMs;
    debounceTimer.current = setTimeout(() => {
      debounceTimer.current = null;
      void run(query, profileId);
    }, delay);
    return cancelDebounce;
  }, [query, profileId, profileSettled, run, cancelDebounce]);

  const searchNow = useCallback(() => {
    if (debounceTimer.current === null) return; // already asked
    cancelDebounce();
    void run(query, profileId);
  }, [query, profileId, run, cancelDebounce]);

  const retry = useCallback(() => {
    cancelDebounce();
    update((previous) => ({ ...previous, failure: null }));
    void run(query, profileId);
  }, [query, profileId, run, update, cancelDebounce]);

  const loadMore = useCallback(() => {
    const { answer, loadingMore } = stateRef.current;
    if (!answer || loadingMore || listedSoFar(answer) >= answer.totalResults) return;
    if (answer.text !== query || answer.profileId !== profileId) return;
    const request = latestRequest.current;
    update((previous) => ({ ...previous, loadingMore: true, loadMoreError: null }));
    void linkdesk.companies
      .search({ text: answer.text, page: answer.pagesLoaded + 1, pageSize: searchPageSize })
      .then((result) => {
        if (request !== latestRequest.current) return; // the text changed meanwhile
        if (!result.ok) {
          update((previous) => ({
            ...previous,
            loadingMore: false,
            loadMoreError: result.error.code === 'cancelled' ? null : result.error,
          }));
          return;
        }
        update((previous) => {
          if (!previous.answer) return { ...previous, loadingMore: false };
          // Companies created meanwhile shift pages by one or two: never list a company twice.
          const known = new Set(previous.answer.companies.map((company) => company.id));
          const added = result.value.results.filter((company) => !known.has(company.id));
          const companies = [...previous.answer.companies, ...added];
          return {
            ...previous,
            loadingMore: false,
            answer: {
              ...previous.answer,
              companies,
              unreadable: previous.answer.unreadable + result.value.unreadable,
              // An empty page means the total was optimistic: stop offering more.
              totalResults:
                added.length === 0 && result.value.unreadable === 0
                  ? companies.length + previous.answer.unreadable
                  : result.value.totalResults,
              pagesLoaded: previous.answer.pagesLoaded + 1,
            },
          };
        });
      });
  }, [query, profileId, update]);

  const { failure } = state;
  // Rows from another profile are another account's companies: never show them, not even dimmed.
  const answer = state.answer?.profileId === profileId ? state.answer : null;
  const fresh = answer !== null && answer.text === query;
  const error = failure && failure.text === query && failure.profileId === profileId ? failure.error : null;
  return {
    query,
    answer,
    fresh,
    error,
    loadingMore: state.loadingMore,
    loadMoreError: state.loadMoreError,
    hasMore: fresh && listedSoFar(answer) < answer.totalResults,
    loadMore,
    searchNow,
    retry,
  };
}

/** Companies Codat has listed so far, whether or not Linkdesk could read them. */
function listedSoFar(answer: SearchAnswer): number {
  return answer.companies.length + answer.unreadable;
}
