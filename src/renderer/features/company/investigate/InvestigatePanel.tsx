/**
 * Customer success's investigation of one company, in tabs: Diagnosis, Sync status, History, Timeline.
 * Nothing is read from Codat until a tab is chosen, on every company, so opening one to onboard it costs no extra
 * request. The last tab chosen is remembered for the session only as the tab list's Tab stop: an analyst reaches
 * it with one Tab and opens it with Enter.
 */
import './investigate.css';
import { Activity, History, ListTree, Stethoscope, X } from 'lucide-react';
import { useId, useState } from 'react';
import type { Connection } from '@shared/codat/schemas';
import { TabList, TabPanel, tabId, type TabItem } from '@renderer/components/Tabs';
import { useCommands } from '@renderer/stores/commands';
import { DiagnosisPanel } from './DiagnosisPanel';
import { HistoryPanel } from './HistoryPanel';
import { SyncStatusPanel } from './SyncStatusPanel';
import { TimelinePanel } from './TimelinePanel';

const tabs = [
  { id: 'diagnosis', label: 'Diagnosis', Icon: Stethoscope },
  { id: 'sync', label: 'Sync status', Icon: Activity },
  { id: 'history', label: 'History', Icon: History },
  { id: 'timeline', label: 'Timeline', Icon: ListTree },
] as const satisfies ReadonlyArray<TabItem<string>>;
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
  // Never a panel on arrival: showing one would read Codat before the user chose.
  const [selected, setSelected] = useState<TabId | null>(null);
  const [lastUsed, setLastUsed] = useState<TabId | null>(storedTab);
  // Panels stay mounted once opened, so a return to the tab keeps its pages and filters.
  const [opened, setOpened] = useState<ReadonlySet<TabId>>(() => new Set());

  const select = (tab: TabId) => {
    setSelected(tab);
    setLastUsed(tab);
    setOpened((current) => new Set(current).add(tab));
    storeTab(tab);
  };

  /** "Refresh data" asked from the command palette: the Sync status tab opens and runs it. */
  const [refreshRequests, setRefreshRequests] = useState(0);
  useCommands([
    {
      id: 'refresh-data',
      label: 'Refresh data',
      group: 'This company',
      keywords: ['sync', 'pull', 'queue'],
      run: () => {
        select('sync');
        setRefreshRequests((count) => count + 1);
      },
    },
    ...tabs.map(({ id, label }) => ({
      id: `investigate:${id}`,
      label: `Investigate: ${label}`,
      group: 'This company',
      rank: 70,
      run: () => select(id),
    })),
  ]);

  const close = () => {
    setSelected(null);
    document.getElementById(tabId(baseId, lastUsed ?? tabs[0].id))?.focus();
  };

  return (
    <section className="card investigate" aria-labelledby={headingId}>
      <div className="investigate-header">
        <h2 id={headingId}>Investigate</h2>
        {/* Manual activation: the arrow keys move between tabs, Enter or Space opens one (opening one reads Codat). */}
        <TabList
          tabs={tabs}
          selected={selected}
          onSelect={select}
          tabStop={lastUsed}
          activation="manual"
          baseId={baseId}
          hasPanel={(tab) => opened.has(tab)}
          className="tabs"
          aria-labelledby={headingId}
        />
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
          <TabPanel key={id} baseId={baseId} tab={id} shown={selected === id}>
            {id === 'diagnosis' && (
              <DiagnosisPanel companyId={companyId} connections={connections} active={selected === id} />
            )}
            {id === 'sync' && (
              <SyncStatusPanel
                companyId={companyId}
                connections={connections}
                active={selected === id}
                refreshRequests={refreshRequests}
              />
            )}
            {id === 'history' && (
              <HistoryPanel companyId={companyId} connections={connections} active={selected === id} />
            )}
            {id === 'timeline' && (
              <TimelinePanel companyId={companyId} connections={connections} active={selected === id} />
            )}
          </TabPanel>
        ) : null,
      )}
    </section>
  );
}
