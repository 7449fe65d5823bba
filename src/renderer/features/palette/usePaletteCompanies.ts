/**
 * The palette's company search, through the same `companies.search` operation as the Companies page (main makes
 * it forgiving: IDs, Portal URLs, accents). `region=uk` asks Codat's tags filter instead. Debounced; only the
 * answer for the latest text is ever shown.
 */
import { useEffect, useRef, useState } from 'react';
import type { Company } from '@shared/codat/schemas';
import { parseTagFilter, type TagFilter } from '@shared/domain/tag-filter';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';
import { useAppStore } from '@renderer/stores/app-store';

export const paletteSearchDebounceMs = 200;
export const paletteSearchPageSize = 20;
/** A search cancelled by a newer one elsewhere (the Companies page) is asked again this often. */
const maxCancelledRetries = 2;

export interface PaletteCompanies {
  /** The trimmed text searched for; '' searches nothing (the palette shows recent companies). */
  query: string;
  /** What the text was read as. */
  tag: TagFilter | null;
  /** The companies found for exactly `query` (null while that search is under way). */
  companies: Company[] | null;
  totalResults: number;
  error: BridgeError | null;
  /** Skips the debounce (Enter pressed before it ran). */
  searchNow(): void;
}

interface Answer {
  query: string;
  profileId: string | null;
  companies: Company[];
  totalResults: number;
  error: BridgeError | null;
}

export function usePaletteCompanies(text: string): PaletteCompanies {
  const query = text.trim();
  const tag = parseTagFilter(query);
  const profileId = useAppStore((state) => state.info?.activeProfile?.id ?? null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const latest = useRef(0);
  const runNow = useRef<(() => void) | null>(null);

  useEffect(() => {
    const request = ++latest.current;
    if (query === '') return;
    const run = async (attempt: number): Promise<void> => {
      const filter = parseTagFilter(query);
      const result = await linkdesk.companies.search(
        filter
          ? { text: '', tag: filter, page: 1, pageSize: paletteSearchPageSize, box: 'palette' }
          : { text: query, page: 1, pageSize: paletteSearchPageSize, box: 'palette' },
      );
      if (request !== latest.current) return; // newer text owns the list
      if (!result.ok && result.error.code === 'cancelled' && attempt < maxCancelledRetries) return run(attempt + 1);
      setAnswer(
        result.ok
          ? { query, profileId, companies: result.value.results, totalResults: result.value.totalResults, error: null }
          : { query, profileId, companies: [], totalResults: 0, error: result.error },
      );
    };
    const timer = setTimeout(() => {
      runNow.current = null;
      void run(0);
    }, paletteSearchDebounceMs);
    runNow.current = () => {
      clearTimeout(timer);
      runNow.current = null;
      void run(0);
    };
    return () => {
      clearTimeout(timer);
      runNow.current = null;
    };
  }, [query, profileId]);

  const current = answer && answer.query === query && answer.profileId === profileId ? answer : null;
  return {
    query,
    tag,
    companies: current && !current.error ? current.companies : null,
    totalResults: current?.totalResults ?? 0,
    error: current?.error ?? null,
    searchNow: () => runNow.current?.(),
  };
}
