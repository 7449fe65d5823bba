/** Timeline: one connection's story, newest first: created, statuses seen, Codat's errors, pulls, our actions. */
import { useId, useState } from 'react';
import type { Connection } from '@shared/codat/schemas';
import type { TimelineEvent } from '@shared/contract';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { SkeletonRows } from '@renderer/components/Skeleton';
import { useNow } from '@renderer/hooks/useNow';
import { exactTime, parseCodatTime, relativeTime, timelineToneLooks } from './investigate-format';
import { usePullDialog } from './PullOperationDialog';
import { ReloadButton } from './ReloadButton';
import { useTimeline } from './useInvestigation';

/** Platform names, with a short id when two connections share one. */
function connectionLabel(connection: Connection, all: readonly Connection[]): string {
  const twins = all.filter((other) => other.platformName === connection.platformName).length > 1;
  return twins ? `${connection.platformName} (${connection.id.slice(0, 8)})` : connection.platformName;
}

export function TimelinePanel(props: { companyId: string; connections: readonly Connection[]; active: boolean }) {
  const { companyId, connections, active } = props;
  const selectId = useId();
  const [selected, setSelected] = useState<string | null>(connections[0]?.id ?? null);
  // A connection that was removed (or the first one added since) falls back to the first in the list.
  const connectionId =
    selected && connections.some((connection) => connection.id === selected) ? selected : (connections[0]?.id ?? null);
  const { load, read } = useTimeline(companyId, connectionId, active);
  const { openPull, pullDialog } = usePullDialog(companyId, connections);
  const now = useNow(30_000, active);

  if (connections.length === 0) {
    return <p className="panel-empty">This company has no connections yet, so there is no timeline to show.</p>;
  }

  const events = load?.status === 'ready' ? newestFirst(load.events) : [];
  return (
    <div className="timeline-panel">
      <div className="panel-toolbar">
        <div className="panel-summary field-inline">
          <label htmlFor={selectId}>Connection</label>
          <select id={selectId} value={connectionId ?? ''} onChange={(event) => setSelected(event.target.value)}>
            {connections.map((connection) => (
              <option key={connection.id} value={connection.id}>
                {connectionLabel(connection, connections)}
              </option>
            ))}
          </select>
        </div>
        <div className="panel-actions">
          <ReloadButton
            label="Reload timeline"
            onClick={() => connectionId && void read(connectionId)}
            disabled={load?.status === 'loading'}
          />
        </div>
      </div>
      {load?.status === 'failed' && <ErrorNotice error={load.error} title="Could not build the timeline." />}
      {(!load || load.status === 'loading') && (
        <SkeletonRows rows={5} label="Reading the connection's story from Codat…" />
      )}
      {load?.status === 'ready' &&
        (events.length === 0 ? (
          <p className="panel-empty">Nothing recorded for this connection yet.</p>
        ) : (
          <ol className="timeline" aria-label="Events, newest first">
            {events.map((event, index) => {
              const { tone, Icon, word } = timelineToneLooks[event.tone];
              return (
                <li key={`${event.at}-${event.kind}-${index}`} className="timeline-event">
                  <span className="timeline-marker" data-tone={tone}>
                    <Icon aria-hidden="true" size={16} strokeWidth={2.2} />
                  </span>
                  <div className="timeline-body">
                    <p className="timeline-title">
                      <span className="visually-hidden">{word}: </span>
                      {event.title}
                    </p>
                    {event.detail && <p className="timeline-detail codat-words">{event.detail}</p>}
                    <p className="timeline-meta muted">
                      <time dateTime={event.at} title={exactTime(event.at)}>
                        {relativeTime(event.at, now)}
                      </time>{' '}
                      · {exactTime(event.at)}
                      {event.datasetId && (
                        <>
                          {' '}
                          ·{' '}
                          <button
                            type="button"
                            className="link-button"
                            onClick={(click) => openPull(event.datasetId as string, null, click.currentTarget)}
                          >
                            Dataset <code>{event.datasetId.slice(0, 8)}</code>
                          </button>
                        </>
                      )}
                    </p>
                  </div>
                </li>
              );
            })}
          </ol>
        ))}
      {pullDialog}
    </div>
  );
}

/** Main sends them newest first already; sorting again keeps the promise if that ever changes. */
function newestFirst(events: readonly TimelineEvent[]): TimelineEvent[] {
  return [...events].sort((a, b) => (parseCodatTime(b.at) ?? 0) - (parseCodatTime(a.at) ?? 0));
}
