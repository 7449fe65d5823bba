/**
 * Customer success's investigation of one company, in tabs: Diagnosis, Sync status, History, Timeline.
 * Nothing is read from Codat until a tab is chosen, so opening a company to onboard it costs no extra
 * request. The chosen tab is remembered for the session: an analyst lands on it for the next company.
 */
import { Activity, History, ListTree, Stethoscope, X, type LucideIcon } from 'lucide-react';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Connection } from '@shared/codat/schemas';
import { tabKeyTarget } from '@renderer/components/tabs';
import { DiagnosisPanel } from './DiagnosisPanel';
import { HistoryPanel } from './HistoryPanel';
import { SyncStatusPanel } from './SyncStatusPanel';
import { TimelinePanel } from './TimelinePanel';

const tabs = [
  { id: 'diagnosis', label: 'Diagnosis', Icon: Stethoscope },
  { id: 'sync', label: 'Sync status', Icon: Activity },
  { id: 'history', label: 'History', Icon: History },
  { id: 'timeline', label: 'Timeline', Icon: ListTree },
] as const satisfies ReadonlyArray<{ id: string; label: string; Icon: LucideIcon }>;
type TabId = (typeof tabs)[number]['id'];

const storageKey = 'linkdesk.company.investigateTab';

function storedTab(): TabId | null {
  try {
    const value = window.sessionStorage.getItem(storageKey);
    return tabs.find((tab) => tab.id === value)?.id ?? null;
  } catch {
    return null;
  }
}

function storeTab(tab: TabId | null) {
  try {
    if (tab) window.sessionStorage.setItem(storageKey, tab);
    else window.sessionStorage.removeItem(storageKey);
  } catch {
    // Storage refused (privacy settings): the choice just is not remembered.
  }
}

export function InvestigatePanel({
  companyId,
  connections,
}: {
  companyId: string;
  connections: readonly Connection[];
}) {
  const baseId = useId();
  const headingId = `${baseId}-heading`;
  const [selected, setSelected] = useState<TabId | null>(storedTab);
  // Panels stay mounted once opened, so a return to the tab keeps its pages and filters.
  const [opened, setOpened] = useState<ReadonlySet<TabId>>(() => new Set(selected ? [selected] : []));
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);

  const select = (tab: TabId) => {
    setSelected(tab);
    setOpened((current) => new Set(current).add(tab));
    storeTab(tab);
  };

  const close = () => {
    setSelected(null);
    storeTab(null);
    tabRefs.current[0]?.focus();
  };

  // Arrow keys move between tabs; Enter or Space opens one (manual activation: opening one reads Codat).
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const target = tabKeyTarget(event.key, index, tabs.length);
    if (target === undefined) return;
    event.preventDefault();
    tabRefs.current[target]?.focus();
  };

  const tabId = (tab: TabId) => `${baseId}-tab-${tab}`;
  const panelId = (tab: TabId) => `${baseId}-panel-${tab}`;
  const focusable = selected ?? tabs[0].id;

  return (
    <section className="card investigate" aria-labelledby={headingId}>
      <div className="investigate-header">
        <h2 id={headingId}>Investigate</h2>
        <div role="tablist" aria-labelledby={headingId} className="tabs">
          {tabs.map(({ id, label, Icon }, index) => (
            <button
              key={id}
              ref={(element) => {
                tabRefs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={tabId(id)}
              aria-selected={selected === id}
              aria-controls={opened.has(id) ? panelId(id) : undefined}
              tabIndex={focusable === id ? 0 : -1}
              className="tab"
              onClick={() => select(id)}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              <Icon aria-hidden="true" size={15} />
              {label}
            </button>
          ))}
        </div>
        {selected && (
          <button type="button" className="button button-quiet button-small" onClick={close}>
            <X aria-hidden="true" size={14} /> Close investigation
          </button>
        )}
      </div>
      {!selected && (
        <p className="investigate-hint muted">
          For a support ticket: choose Diagnosis for what is wrong and what to do, Sync status for each data type,
          History for past syncs, or Timeline for one connection’s story. Nothing is read from Codat until you choose.
        </p>
      )}
      {tabs.map(({ id }) =>
        opened.has(id) ? (
          <div
            key={id}
            role="tabpanel"
            id={panelId(id)}
            aria-labelledby={tabId(id)}
            hidden={selected !== id}
            tabIndex={0}
            className="tab-panel"
          >
            {id === 'diagnosis' && (
              <DiagnosisPanel companyId={companyId} connections={connections} active={selected === id} />
            )}
            {id === 'sync' && (
              <SyncStatusPanel companyId={companyId} connections={connections} active={selected === id} />
            )}
            {id === 'history' && (
              <HistoryPanel companyId={companyId} connections={connections} active={selected === id} />
            )}
            {id === 'timeline' && (
              <TimelinePanel companyId={companyId} connections={connections} active={selected === id} />
            )}
          </div>
        ) : null,
      )}
    </section>
  );
}
