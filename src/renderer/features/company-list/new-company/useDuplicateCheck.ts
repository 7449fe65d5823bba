/**
 * Whether a company already has the name Codat would store: from the search results on screen when they can tell,
 * otherwise by asking Codat (debounced while typing, at once on leaving the field or pressing Create).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { previewCompanyName } from '@shared/codat/names';
import { neutraliseQueryText } from '@shared/codat/query';
import type { Company } from '@shared/codat/schemas';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';
import type { SearchAnswer } from '../useCompanySearch';

/** How long typing must pause before asking Codat whether the name is taken. */
const lookupDebounceMs = 400;

export type Lookup =
  | { state: 'checking'; name: string }
  | { state: 'done'; name: string; matches: Company[] }
  | { state: 'failed'; name: string; error: BridgeError };

export interface DuplicateCheck {
  /** The companies that already carry the name: none, some, or null while that is not known. */
  duplicates: Company[] | null;
  /** Codat's answer (or the question in flight) to show; null when the search on screen answered instead. */
  lookup: Lookup | null;
  /**
   * Asks Codat for companies with exactly the name it would store. The latest name wins; a second ask for the same
   * name (blur, then Create) shares the request in flight. Null when it failed or was superseded.
   */
  lookUp(): Promise<Company[] | null>;
  /** Asks now if the answer is not known yet (leaving the field). */
  lookUpIfNeeded(): void;
}

export function useDuplicateCheck(typed: string, searchAnswer: SearchAnswer | null): DuplicateCheck {
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const latestLookup = useRef(0);
  const pendingLookup = useRef<{ name: string; promise: Promise<Company[] | null> } | null>(null);

  const nameKey = previewCompanyName(typed).name.toLowerCase();
  const fromSearch = useMemo(() => duplicatesFromSearch(searchAnswer, typed), [searchAnswer, typed]);
  const currentLookup = lookup && lookup.name.toLowerCase() === nameKey ? lookup : null;
  const duplicates = fromSearch ?? (currentLookup?.state === 'done' ? currentLookup.matches : null);

  const lookUpName = useCallback((text: string): Promise<Company[] | null> => {
    const name = previewCompanyName(text).name;
    if (!name) return Promise.resolve([]);
    if (pendingLookup.current?.name === name) return pendingLookup.current.promise;
    const request = ++latestLookup.current;
    setLookup({ state: 'checking', name });
    const promise = linkdesk.companies.findByName({ name: text.trim() }).then((result) => {
      if (pendingLookup.current?.promise === promise) pendingLookup.current = null;
      if (request !== latestLookup.current) return null;
      if (!result.ok) {
        setLookup({ state: 'failed', name, error: result.error });
        return null;
      }
      setLookup({ state: 'done', name, matches: result.value.matches });
      return result.value.matches;
    });
    pendingLookup.current = { name, promise };
    return promise;
  }, []);

  // Debounced check while typing; skipped when the results on screen already answer it.
  const needsLookup = nameKey !== '' && fromSearch === null && currentLookup === null;
  useEffect(() => {
    if (!needsLookup) return;
    const timer = setTimeout(() => void lookUpName(typed), lookupDebounceMs);
    return () => clearTimeout(timer);
  }, [needsLookup, typed, lookUpName]);

  return {
    duplicates,
    lookup: fromSearch ? null : currentLookup,
    lookUp: () => lookUpName(typed),
    lookUpIfNeeded: () => {
      if (needsLookup) void lookUpName(typed);
    },
  };
}

/**
 * What the search on screen already says about the name Codat would store: the companies with that name,
 * none, or null when it cannot tell (then Codat is asked). The search looked for names *containing* the
 * text, so finding no match proves there is none only when the text reached Codat unchanged (nothing
 * stripped, nothing neutralised) and every page of the answer is loaded.
 */
function duplicatesFromSearch(answer: SearchAnswer | null, typed: string): Company[] | null {
  const text = typed.trim();
  if (!answer || answer.byId || answer.text !== text) return null;
  const { name, removed } = previewCompanyName(typed);
  if (!name) return null;
  const matches = answer.companies.filter((company) => company.name.toLowerCase() === name.toLowerCase());
  if (matches.length > 0) return matches;
  const complete = answer.companies.length >= answer.totalResults;
  const searchedAsStored = removed.length === 0 && name === text && neutraliseQueryText(text) === text;
  return complete && searchedAsStored ? [] : null;
}
