/**
 * Integrations: every platform Codat offers with its cached branding (logos, buttons), filterable, and a preview
 * of the selection page exactly as the customer will see it. Works from the cache when Codat cannot be reached.
 */
import { LayoutGrid, MonitorSmartphone, RefreshCw, Search, WifiOff } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import type { BridgeError } from '@shared/result';
import { EmptyState } from '@renderer/components/EmptyState';
import { Field } from '@renderer/components/Field';
import { FilterForm } from '@renderer/components/FilterForm';
import { TabList, TabPanel, type TabItem } from '@renderer/components/Tabs';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { formatDateTime } from '@renderer/lib/format';
import { useAppStore } from '@renderer/stores/app-store';
import { CustomerPreview } from './CustomerPreview';
import { IntegrationTile, SkeletonTile } from './IntegrationTile';
import {
  agoInWords,
  matchesFilters,
  matchesSearch,
  plural,
  showOptions,
  sourceTypeOf,
  sourceTypesPresent,
  type Filters,
  type ShowFilter,
} from './integrations-format';
import { useCacheTtlDays } from './useCacheTtlDays';
import { useIntegrationCatalog } from './useIntegrationCatalog';
import { useNow } from '@renderer/hooks/useNow';
import './integrations.css';

type TabId = 'catalogue' | 'preview';
const tabs: ReadonlyArray<TabItem<TabId>> = [
  { id: 'catalogue', label: 'Catalogue', Icon: LayoutGrid },
  { id: 'preview', label: 'Customer preview', Icon: MonitorSmartphone },
];
/** The view chosen last, kept while the console is open. */
let lastTab: TabId = 'catalogue';

export function IntegrationsPage() {
  const catalog = useIntegrationCatalog();
  const { data, state, loadError } = catalog;
  const online = useAppStore((s) => s.online);
  const now = useNow(30_000);
  const ttlDays = useCacheTtlDays();
  const [filters, setFilters] = useState<Filters>({ search: '', sourceType: '', show: 'all' });
  const [tab, setTab] = useState<TabId>(lastTab);
  const ids = { search: useId(), previewNote: useId(), tabs: useId() };

  const all = useMemo(() => data?.integrations ?? [], [data]);
  const sourceTypes = useMemo(() => sourceTypesPresent(all), [all]);
  const shown = useMemo(() => all.filter((card) => matchesFilters(card, filters)), [all, filters]);
  const enabled = useMemo(() => all.filter((card) => card.enabled), [all]);
  const previewed = useMemo(
    () =>
      enabled.filter(
        (card) =>
          matchesSearch(card, filters.search) && (!filters.sourceType || sourceTypeOf(card) === filters.sourceType),
      ),
    [enabled, filters.search, filters.sourceType],
  );

  const refreshing = catalog.refreshRequested || (state?.refreshing ?? false);
  const offline = (state?.offline ?? false) || !online;
  const filtered = filters.search.trim() !== '' || filters.sourceType !== '' || filters.show !== 'all';

  const chooseTab = (next: TabId) => {
    lastTab = next;
    setTab(next);
  };

  const cachedAt = state?.cachedAt ?? null;
  const cachedTime = cachedAt ? (
    <time dateTime={cachedAt} title={formatDateTime(cachedAt)}>
      {agoInWords(cachedAt, now)}
    </time>
  ) : null;

  const progress = state?.progress ?? null;
  const progressLine = (what: string) => (
    <span className="refresh-progress">
      <span>
        {what}
        {progress ? ` ${progress.done} of ${progress.total}` : ''}
      </span>
      <progress
        aria-label="Branding refresh progress"
        {...(progress ? { value: progress.done, max: Math.max(progress.total, 1) } : {})}
      />
    </span>
  );

  const shownError: { error: BridgeError; title: string } | null = catalog.refreshError
    ? {
        error: catalog.refreshError,
        title: 'The branding could not be refreshed. The cached logos and buttons are still shown.',
      }
    : state?.lastError && !offline
      ? {
          error: state.lastError,
          title: 'The last refresh of the branding failed. The cached logos and buttons are still shown.',
        }
      : null;

  return (
    <div className="integrations-page">
      <div className="integrations-header">
        <p className="integrations-summary">
          {data ? (
            <>
              <span>{plural(all.length, 'integration')}</span>
              {!offline && (
                <>
                  <span aria-hidden="true"> · </span>
                  {cachedTime ? <span>cached {cachedTime}</span> : <span>not cached yet</span>}
                  {state?.stale && (
                    <span className="stale-note">
                      {' '}
                      — older than {ttlDays ? plural(ttlDays, 'day') : 'its time to live'};{' '}
                      {refreshing ? 'refreshing in the background' : 'press Refresh branding to fetch it again'}
                    </span>
                  )}
                </>
              )}
            </>
          ) : loadError ? (
            'The integrations could not be loaded.'
          ) : null}
        </p>
        {/* The progress comes before the button: the area is at the right end, so text after the button would
            push it left, out from under the pointer. */}
        <div className="refresh-area">
          <span role="status" className="refresh-status">
            {data && refreshing && progressLine('Refreshing branding…')}
          </span>
          <button
            type="button"
            className="button"
            disabled={refreshing || !data}
            onClick={() => void catalog.refresh()}
          >
            <RefreshCw aria-hidden="true" size={15} className={refreshing ? 'spinning' : undefined} />
            Refresh branding
          </button>
        </div>
      </div>

      {data && offline && (
        <div role="status" className="offline-banner">
          <WifiOff aria-hidden="true" size={18} />
          <div>
            <p className="offline-title">Offline — {cachedAt ? <>cached {cachedTime}</> : 'nothing cached yet'}</p>
            <p>
              Codat cannot be reached, so the logos and buttons below are the copies kept on this computer. They will
              refresh by themselves when Codat is back.
            </p>
          </div>
        </div>
      )}

      {shownError && <ErrorNotice error={shownError.error} title={shownError.title} />}

      {!data && loadError && (
        <div className="load-failed">
          <ErrorNotice error={loadError} title="The integrations and their branding could not be fetched from Codat." />
          <button type="button" className="button button-primary" onClick={() => void catalog.reload()}>
            Retry
          </button>
        </div>
      )}

      {!data && !loadError && (
        <section className="integrations-loading" aria-busy="true" aria-label="Loading integrations">
          <p className="loading-line" role="status">
            {state?.refreshing && progress
              ? progressLine('Fetching integrations and their branding from Codat…')
              : 'Fetching integrations and their branding from Codat…'}
          </p>
          <ul className="integration-grid" role="list">
            {Array.from({ length: 8 }, (_, index) => (
              <SkeletonTile key={index} />
            ))}
          </ul>
        </section>
      )}

      {data && (
        <>
          <FilterForm className="integrations-toolbar" label="Filter integrations">
            <div className="field toolbar-search">
              <label htmlFor={ids.search} className="visually-hidden">
                Search integrations
              </label>
              <Search aria-hidden="true" size={15} className="search-icon" />
              <input
                id={ids.search}
                type="search"
                placeholder="Search by name or key"
                autoComplete="off"
                spellCheck={false}
                value={filters.search}
                onChange={(event) => setFilters((current) => ({ ...current, search: event.target.value }))}
              />
            </div>
            <Field label="Source type">
              {(control) => (
                <select
                  {...control}
                  value={filters.sourceType}
                  onChange={(event) => setFilters((current) => ({ ...current, sourceType: event.target.value }))}
                >
                  <option value="">All</option>
                  {sourceTypes.map((type) => (
                    <option key={type} value={type}>
                      {type}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {/* In the customer preview only enabled integrations are shown: the note there says so. */}
            <Field label="Show" describedBy={tab === 'preview' ? ids.previewNote : undefined}>
              {(control) => (
                <select
                  {...control}
                  value={filters.show}
                  disabled={tab === 'preview'}
                  onChange={(event) =>
                    setFilters((current) => ({ ...current, show: event.target.value as ShowFilter }))
                  }
                >
                  {showOptions.map(({ value, label }) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <p className="toolbar-count" aria-live="polite">
              {tab === 'catalogue'
                ? `Showing ${shown.length} of ${all.length}`
                : `Showing ${previewed.length} of ${all.length} · enabled only`}
            </p>
          </FilterForm>

          {/* Automatic activation: the arrow keys show each view (nothing is fetched). */}
          <TabList
            tabs={tabs}
            selected={tab}
            onSelect={chooseTab}
            activation="automatic"
            baseId={ids.tabs}
            id={ids.tabs}
            className="integrations-tabs"
            aria-label="Integrations view"
          />

          <TabPanel baseId={ids.tabs} tab="catalogue" shown={tab === 'catalogue'}>
            {shown.length > 0 ? (
              <ul className="integration-grid" role="list">
                {shown.map((card) => (
                  <IntegrationTile key={card.key} card={card} />
                ))}
              </ul>
            ) : all.length === 0 ? (
              <EmptyState title="Codat lists no integrations for this client.">
                Enable integrations in Codat’s portal, then press Refresh branding.
              </EmptyState>
            ) : (
              <div className="integrations-empty">
                <EmptyState title="No integration matches these filters.">
                  Search matches a platform’s name or key. Try fewer letters, or set Source type and Show back to All.
                </EmptyState>
                {filtered && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => setFilters({ search: '', sourceType: '', show: 'all' })}
                  >
                    Clear filters
                  </button>
                )}
              </div>
            )}
          </TabPanel>

          <TabPanel baseId={ids.tabs} tab="preview" shown={tab === 'preview'}>
            <p id={ids.previewNote} className="preview-note">
              <strong>Preview only:</strong> Codat’s platform selection page as your customer sees it, with only the
              enabled integrations ({enabled.length} of {all.length}). The search and Source type narrow it; Show does
              not apply. Hover or focus a button to see its hover state; choosing one does nothing here.
            </p>
            <CustomerPreview cards={previewed} poweredBy={data.poweredBy} noteId={ids.previewNote} />
          </TabPanel>
        </>
      )}
    </div>
  );
}
