/**
 * The Inbox: what the monitor (and the Health page's scan) found, remembered with a lifecycle, in tabs New,
 * Acknowledged, Snoozed, Resolved and Muted, triaged from the keyboard. Main keeps the issues and watches; this
 * page shows them and asks main to change their state.
 */
import './inbox.css';
import { AlarmClock, BellOff, Check, CircleCheck, Inbox } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import type { BridgeError } from '@shared/result';
import { inboxStateLabels, inboxStates, type InboxState } from '@shared/domain/inbox';
import { EmptyState } from '@renderer/components/EmptyState';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { SkeletonRows } from '@renderer/components/Skeleton';
import { panelId, tabId, TabList, type TabItem } from '@renderer/components/Tabs';
import { useNow } from '@renderer/hooks/useNow';
import { countWords, issuesOfTab } from './inbox-format';
import { useInboxFeed, useInboxStore, type InboxList } from './inbox-store';
import { InboxTriage } from './InboxTriage';
import { MonitorLine } from './MonitorLine';

const tabIcons = { new: Inbox, acknowledged: Check, snoozed: AlarmClock, resolved: CircleCheck, muted: BellOff };

const empty: Record<InboxState, { title: string; text: string }> = {
  new: {
    title: 'Nothing new',
    text: 'When the monitor finds a connection that is broken, stuck or going stale, it appears here.',
  },
  acknowledged: {
    title: 'Nothing acknowledged',
    text: 'Issues you acknowledge stay here, out of New, until they are resolved.',
  },
  snoozed: {
    title: 'Nothing snoozed',
    text: 'A snoozed issue comes back as New when its time is up, if it is still there.',
  },
  resolved: {
    title: 'Nothing resolved',
    text: 'An issue the monitor has not seen for a while is resolved, and comes back as New if it is seen again.',
  },
  muted: { title: 'Nothing muted', text: 'A muted issue is never notified and stays here, whatever it does.' },
};

export default function InboxPage() {
  useInboxFeed();
  const { list, error, loading, load } = useInboxStore();
  return (
    <div className="inbox-page">
      <MonitorLine />
      {list ? (
        <InboxTabs list={list} readError={error} />
      ) : error ? (
        <>
          <ErrorNotice error={error} title="Could not read the inbox." />
          <p>
            <button type="button" className="button" onClick={() => void load()}>
              Try again
            </button>
          </p>
        </>
      ) : (
        <div aria-busy={loading || undefined}>
          <SkeletonRows rows={4} label="Reading the inbox…" />
        </div>
      )}
    </div>
  );
}

function InboxTabs({ list, readError }: { list: InboxList; readError: BridgeError | null }) {
  const baseId = useId();
  const [tab, setTab] = useState<InboxState>('new');
  const now = useNow(30_000);
  const rows = useMemo(() => issuesOfTab(list.issues, tab), [list.issues, tab]);
  const tabs: Array<TabItem<InboxState>> = inboxStates.map((state) => {
    const value = list.counts[state] ?? 0;
    return {
      id: state,
      label: inboxStateLabels[state],
      Icon: tabIcons[state],
      count: { value, description: countWords(value) },
    };
  });
  return (
    <>
      {list.problem && <p className="warning">{list.problem}</p>}
      {readError && <ErrorNotice error={readError} title="Could not read the inbox again; showing the last read." />}
      <TabList<InboxState>
        tabs={tabs}
        selected={tab}
        onSelect={setTab}
        activation="automatic"
        baseId={baseId}
        hasPanel={(candidate) => candidate === tab}
        aria-label="Issues by state"
        className="inbox-tabs"
      />
      <div role="tabpanel" id={panelId(baseId, tab)} aria-labelledby={tabId(baseId, tab)} className="inbox-panel">
        {rows.length === 0 ? (
          <EmptyState title={empty[tab].title} headingLevel={2}>
            {empty[tab].text}
          </EmptyState>
        ) : (
          // A tab of its own: its selection, active row and opened issues start afresh.
          <InboxTriage key={tab} tab={tab} rows={rows} now={now} />
        )}
      </div>
    </>
  );
}
