/**
 * The integration catalogue from main's branding cache, kept current: the list once, the cache's state from
 * `integrations.changed` as a background refresh starts and moves on, and the list again when it ends.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BrandingCacheState, CachedImage, IntegrationCard, IntegrationCatalog } from '@shared/contract';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';

export interface CatalogView {
  /** null until the first list has answered. */
  data: { integrations: IntegrationCard[]; poweredBy: CachedImage | null } | null;
  /** The cache's latest state, from the list or from an event, whichever came last. */
  state: BrandingCacheState | null;
  /** The first list failed and nothing is shown. */
  loadError: BridgeError | null;
  /** "Refresh branding" was pressed and has not answered yet. */
  refreshRequested: boolean;
  /** Why the last "Refresh branding" failed (the cached tiles stay). */
  refreshError: BridgeError | null;
  reload(): Promise<void>;
  refresh(): Promise<void>;
}

const stateOf = ({ cachedAt, stale, offline, refreshing, progress, lastError }: IntegrationCatalog) => ({
  cachedAt,
  stale,
  offline,
  refreshing,
  progress,
  lastError,
});

export function useIntegrationCatalog(): CatalogView {
  const [data, setData] = useState<CatalogView['data']>(null);
  const [state, setState] = useState<BrandingCacheState | null>(null);
  const [loadError, setLoadError] = useState<BridgeError | null>(null);
  const [refreshRequested, setRefreshRequested] = useState(false);
  const [refreshError, setRefreshError] = useState<BridgeError | null>(null);
  const mounted = useRef(true);
  /** Answers are applied in the order they were asked for, so an older list never overwrites a newer one. */
  const sequence = useRef(0);
  const wasRefreshing = useRef(false);

  const apply = useCallback((catalog: IntegrationCatalog) => {
    setData({ integrations: catalog.integrations, poweredBy: catalog.poweredBy });
    setState(stateOf(catalog));
    wasRefreshing.current = catalog.refreshing;
    setLoadError(null);
  }, []);

  const reload = useCallback(async () => {
    const asked = ++sequence.current;
    setLoadError(null);
    const result = await linkdesk.integrations.list();
    if (!mounted.current || asked !== sequence.current) return;
    if (result.ok) apply(result.value);
    else setLoadError(result.error);
  }, [apply]);

  const refresh = useCallback(async () => {
    setRefreshRequested(true);
    setRefreshError(null);
    const asked = ++sequence.current;
    const result = await linkdesk.integrations.refresh();
    if (!mounted.current) return;
    setRefreshRequested(false);
    if (!result.ok) {
      setRefreshError(result.error);
      return;
    }
    if (asked === sequence.current) apply(result.value);
  }, [apply]);

  useEffect(() => {
    mounted.current = true;
    void reload();
    const unsubscribe = linkdesk.on('integrations.changed', (next) => {
      setState(next);
      // A refresh just ended (here or in the background): show what it fetched.
      if (wasRefreshing.current && !next.refreshing) void reload();
      wasRefreshing.current = next.refreshing;
    });
    return () => {
      mounted.current = false;
      unsubscribe();
    };
  }, [reload]);

  return { data, state, loadError, refreshRequested, refreshError, reload, refresh };
}
