import './connections.css';
import { WifiOff } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { IntegrationCard } from '@shared/contract';
import type { Company, Connection, SourceType } from '@shared/codat/schemas';
import { checkCanConnect } from '@shared/domain/connections';
import type { BridgeError } from '@shared/result';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Skeleton } from '@renderer/components/Skeleton';
import { formatDateTime, formatRelative } from '@renderer/lib/format';
import { useAppStore } from '@renderer/stores/app-store';
import { sourceTypeLabel, sourceTypeLabels } from '@renderer/lib/source-types';
import { Modal } from '@renderer/components/Modal';
import { PlatformLogo } from './PlatformLogo';
import { readRecentPlatforms, rememberRecentPlatform } from './recent-platforms';
import { useCreateConnection } from './useCreateConnection';
import type { IntegrationsState } from './usePlatforms';

const typeFilters = ['All', 'Accounting', 'Banking', 'Commerce'] as const;
type TypeFilter = (typeof typeFilters)[number];
const leadingTypes: readonly SourceType[] = ['Accounting', 'Banking', 'Commerce'];
const recentLabel = 'Recent';

interface PlatformPickerProps {
  companyId: string;
  /** The company as known now, with the connections shown on the page (the accounting rule reads them). */
  company: Pick<Company, 'dataConnections'>;
  integrations: IntegrationsState;
  onRetryIntegrations(): void;
  onCreated(connection: Connection): void;
  onShowExisting(connectionId: string): void;
  /** Reads the company afresh (after a create whose outcome is unknown). */
  onReloadConnections(): void;
  onClose(): void;
  returnFocusTo: RefObject<HTMLElement | null>;
}

interface Group {
  label: string;
  integrations: IntegrationCard[];
}

/** Accounting, Banking, Commerce, then any other source types, each sorted by name. */
function groupIntegrations(integrations: readonly IntegrationCard[]): Group[] {
  const byLabel = new Map<string, IntegrationCard[]>();
  const order = [...leadingTypes.map((type) => sourceTypeLabels[type])];
  for (const integration of integrations) {
    const label = sourceTypeLabel(integration.sourceType);
    if (!byLabel.has(label)) byLabel.set(label, []);
    byLabel.get(label)?.push(integration);
    if (!order.includes(label)) order.push(label);
  }
  const [first, second, third, ...others] = order;
  return [first, second, third, ...others.sort()]
    .filter((label): label is string => label !== undefined && byLabel.has(label))
    .map((label) => ({
      label,
      integrations: (byLabel.get(label) ?? []).sort((a, b) => a.name.localeCompare(b.name)),
    }));
}

/** Whether a create whose answer never came may still have happened at Codat. */
function outcomeUnknown(error: BridgeError): boolean {
  return error.code === 'timeout' || error.code === 'network';
}

export function PlatformPicker(props: PlatformPickerProps) {
  const { companyId, company, integrations, onCreated, onShowExisting, onClose, returnFocusTo } = props;
  const reachable = useAppStore((state) => state.online);
  // Choosing a platform needs Codat: say now, not after the click, if it cannot be reached.
  useEffect(() => void useAppStore.getState().checkConnectivity(), []);
  const baseId = useId();
  const noteId = useId();
  const filterRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [typeFilter, setTypeFilter] = useState<TypeFilter>('All');
  const [text, setText] = useState('');
  const profileId = useAppStore((state) => state.info?.activeProfile?.id ?? null);
  // Read once as the picker opens: the order must not shift under the pointer while it is open.
  const [recentKeys] = useState(() => (profileId ? readRecentPlatforms(profileId) : []));
  const { creating, failure, create } = useCreateConnection(companyId, (connection) => {
    if (profileId && connection.integrationKey) rememberRecentPlatform(profileId, connection.integrationKey);
    onCreated(connection);
  });

  // The one-accounting-connection rule, checked before any call (docs/codat-api.md §5).
  const accountingCheck = checkCanConnect(company, 'Accounting');

  const groups = useMemo(() => {
    if (integrations.status !== 'ready') return [];
    const needle = text.trim().toLowerCase();
    const visible = integrations.integrations.filter((integration) => {
      if (!integration.enabled) return false;
      const type = integration.sourceType ?? 'Other';
      if (typeFilter !== 'All' && type !== typeFilter) return false;
      return needle === '' || integration.name.toLowerCase().includes(needle);
    });
    // Platforms connected lately come first, under their own heading (and only there).
    const recent = recentKeys.flatMap((key) => visible.filter((integration) => integration.key === key));
    const others = visible.filter((integration) => !recent.includes(integration));
    return [...(recent.length > 0 ? [{ label: recentLabel, integrations: recent }] : []), ...groupIntegrations(others)];
  }, [integrations, text, typeFilter, recentKeys]);

  /** In the filter: Enter connects the first platform that can be chosen; ↓ moves into the list. */
  const onFilterKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key === 'ArrowDown') {
      const first = listRef.current?.querySelector<HTMLButtonElement>('button[data-platform]:not(:disabled)');
      if (!first) return;
      event.preventDefault();
      first.focus();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Only for what was typed: an empty filter's first tile is not a choice anyone made.
      if (text.trim() === '') return;
      const top = groups
        .flatMap((group) => group.integrations)
        .find((integration) => checkCanConnect(company, integration.sourceType).allowed);
      if (top) choose(top);
    }
  };

  const choose = (integration: IntegrationCard) => {
    if (checkCanConnect(company, integration.sourceType).allowed) void create(integration);
  };

  /** Arrow keys move between platform buttons; Home and End jump to the ends. */
  const moveFocus = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys = ['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft', 'Home', 'End'];
    if (!keys.includes(event.key) || !listRef.current) return;
    const buttons = [...listRef.current.querySelectorAll<HTMLButtonElement>('button[data-platform]:not(:disabled)')];
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (current === -1 || buttons.length === 0) return;
    event.preventDefault();
    const last = buttons.length - 1;
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? last
          : event.key === 'ArrowDown' || event.key === 'ArrowRight'
            ? Math.min(last, current + 1)
            : Math.max(0, current - 1);
    buttons[next]?.focus();
  };

  return (
    <Modal
      title="Connect a platform"
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      initialFocus={filterRef}
      className="picker"
    >
      {!accountingCheck.allowed && (
        <div role="note" className="picker-note">
          <p id={noteId}>{accountingCheck.reason}</p>
          <button
            type="button"
            className="button button-small"
            onClick={() => onShowExisting(accountingCheck.existing.id)}
          >
            Show existing accounting connection
          </button>
        </div>
      )}

      <div className="picker-controls">
        <fieldset className="segmented">
          <legend className="visually-hidden">Platform type</legend>
          {typeFilters.map((filter) => (
            <label key={filter} className="segment">
              <input
                type="radio"
                name="platform-type"
                value={filter}
                checked={typeFilter === filter}
                onChange={() => setTypeFilter(filter)}
              />
              <span>{filter}</span>
            </label>
          ))}
        </fieldset>
        <div className="picker-filter">
          <label>
            <span className="visually-hidden">Filter platforms</span>
            <input
              ref={filterRef}
              type="text"
              value={text}
              onChange={(event) => setText(event.target.value)}
              placeholder="Filter platforms"
              autoComplete="off"
              spellCheck={false}
              onKeyDown={onFilterKeyDown}
              aria-describedby={`${baseId}-filter-hint`}
            />
          </label>
          <span id={`${baseId}-filter-hint`} className="picker-filter-hint">
            <kbd>Enter</kbd> connects the first match · <kbd>↓</kbd> to the list
          </span>
        </div>
      </div>

      <div className="picker-body" ref={listRef} onKeyDown={moveFocus}>
        {integrations.status === 'loading' && (
          <div className="picker-loading" aria-busy="true">
            <p className="progress" role="status">
              <span className="spinner" aria-hidden="true" /> Loading platforms from Codat…
            </p>
            <div className="platform-grid" aria-hidden="true">
              {Array.from({ length: 9 }, (_, index) => (
                <Skeleton key={index} className="platform-tile" />
              ))}
            </div>
          </div>
        )}
        {integrations.status === 'error' && (
          <>
            <ErrorNotice error={integrations.error} title="Could not load the platforms." />
            <button type="button" className="button" onClick={props.onRetryIntegrations}>
              Try again
            </button>
          </>
        )}
        {integrations.status === 'ready' && groups.length === 0 && (
          <p className="muted">
            No {typeFilter === 'All' ? '' : `${typeFilter.toLowerCase()} `}platform matches “{text.trim()}”.
          </p>
        )}
        {groups.map((group) => (
          <section key={group.label} className="platform-group" aria-labelledby={`${baseId}-${group.label}`}>
            <h3 id={`${baseId}-${group.label}`}>
              {group.label} <span className="muted">({group.integrations.length})</span>
            </h3>
            {group.label === sourceTypeLabels.Accounting && !accountingCheck.allowed && (
              <p className="group-note">Not available: this company already has an accounting connection.</p>
            )}
            <ul className="platform-grid">
              {group.integrations.map((integration) => {
                const refused = !checkCanConnect(company, integration.sourceType).allowed;
                const marks = [
                  integration.isBeta && 'Beta',
                  integration.isOfflineConnector && 'Desktop connector',
                ].filter((mark): mark is string => !!mark);
                const busy = creating?.key === integration.key;
                return (
                  <li key={integration.key}>
                    <button
                      type="button"
                      className="platform-tile"
                      data-platform={integration.key}
                      // Named by what it shows (the name and its marks, such as "Beta"), as a voice user would say it.
                      aria-describedby={refused ? noteId : undefined}
                      aria-busy={busy || undefined}
                      disabled={refused}
                      // While one is being created the others say so but keep focus where it is.
                      aria-disabled={creating !== null || undefined}
                      onClick={() => choose(integration)}
                    >
                      {busy ? (
                        <span className="spinner platform-spinner" aria-hidden="true" />
                      ) : (
                        <PlatformLogo logo={integration.logo} name={integration.name} />
                      )}
                      <span className="platform-text">
                        <span className="platform-name">{integration.name}</span>
                        {marks.length > 0 && (
                          <span className="platform-marks">
                            {marks.map((mark) => (
                              <span key={mark} className="mark">
                                {mark}
                              </span>
                            ))}
                          </span>
                        )}
                        {busy && <span className="platform-marks muted">Creating the connection…</span>}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
      {/* Below the list, so that a failure or going offline never moves a platform under the pointer. */}
      {failure && (
        <div className="picker-failure">
          <ErrorNotice error={failure.error} title={`Could not connect ${failure.integration.name}.`} />
          {outcomeUnknown(failure.error) ? (
            <p className="muted">
              The request may still have reached Codat. Reload the connections to check before trying again.{' '}
              <button type="button" className="button button-small" onClick={props.onReloadConnections}>
                Reload connections
              </button>
            </p>
          ) : (
            <p className="muted">Nothing was created. Try again, or choose another platform.</p>
          )}
        </div>
      )}

      {integrations.status === 'ready' && (integrations.offline || !reachable) && (
        <p className="picker-offline" role="status">
          <WifiOff size={16} aria-hidden="true" /> Offline — cached{' '}
          {integrations.cachedAt ? (
            <time dateTime={integrations.cachedAt} title={formatDateTime(integrations.cachedAt)}>
              {formatRelative(integrations.cachedAt)}
            </time>
          ) : (
            'earlier'
          )}
          . Codat cannot be reached, so a connection cannot be created until it is back.
        </p>
      )}
    </Modal>
  );
}
