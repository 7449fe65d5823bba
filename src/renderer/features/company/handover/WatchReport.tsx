/** What the watch has seen since the hand-over: waiting, linked, the first sync, and the customer's errors. */
import { CircleCheck, RefreshCw, TriangleAlert } from 'lucide-react';
import type { SyncProgress } from '@shared/domain/watch';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { ageInWords, formatDateTime, waitInWords } from '@renderer/lib/format';
import { connectionErrorDetail, connectionErrorSummary, dataTypeLabel } from '../company-format';
import type { WatchSnapshot } from './connection-watcher';
import { FirstSync, syncStateWords } from './FirstSync';

export function WatchReport(props: { snapshot: WatchSnapshot; platform: string; now: number; onCheckAgain(): void }) {
  const { snapshot, platform, now } = props;
  const linked = snapshot.phase !== 'authorising';
  return (
    <div className="watch" data-phase={snapshot.phase}>
      <div className="watch-status" role="status" aria-label="Watch">
        {linked ? (
          <p className="watch-linked">
            <CircleCheck aria-hidden="true" size={22} strokeWidth={2.4} />
            <span>
              <strong>Linked</strong>
              <span className="muted">
                {' '}
                The customer authorised {platform}
                {snapshot.linkedAt !== null && ` at ${formatDateTime(new Date(snapshot.linkedAt).toISOString())}`}.
                {snapshot.phase === 'syncing' ? ' Codat is reading their data now.' : ' The first sync has finished.'}
              </span>
            </span>
          </p>
        ) : (
          <p className="watch-waiting">
            {!snapshot.stopped && !snapshot.paused && <span className="spinner" aria-hidden="true" />}
            <span>
              {snapshot.stopped?.reason === 'time'
                ? 'Stopped checking after 15 minutes without an answer from the customer.'
                : snapshot.stopped
                  ? 'Stopped checking: Codat refused the last check.'
                  : 'Waiting for the customer to authorise…'}{' '}
              <span className="muted" aria-hidden="true">
                (checked {ageInWords(snapshot.lastCheckedAt, now)})
              </span>
            </span>
          </p>
        )}
        {snapshot.paused && (
          <p className="muted">Paused while Linkdesk is hidden; checking resumes when you come back.</p>
        )}
        {snapshot.retryAt !== null && snapshot.retryAt > now && (
          <p className="warning">
            Codat asked Linkdesk to slow down, so the next check is in {waitInWords(snapshot.retryAt, now)}.
          </p>
        )}
        {snapshot.lastError && snapshot.lastError.code !== 'rate_limited' && (
          <p className="warning">
            The last check failed ({snapshot.lastError.message}); trying again in a few seconds.
          </p>
        )}
      </div>
      {snapshot.stopped?.reason === 'error' && (
        <ErrorNotice error={snapshot.stopped.error} title="Linkdesk stopped watching this connection." />
      )}
      {snapshot.stopped && (
        <p className="watch-again">
          {snapshot.phase === 'syncing' && snapshot.stopped.reason === 'time' && (
            <span className="muted">The first sync had not finished after 15 minutes. </span>
          )}
          <button type="button" className="button" onClick={props.onCheckAgain}>
            <RefreshCw aria-hidden="true" size={14} /> Check again
          </button>
        </p>
      )}

      <div role="alert" className="attempt-errors-region">
        {snapshot.newErrors.length > 0 && (
          <div className="attempt-errors">
            <h3>
              <TriangleAlert aria-hidden="true" size={16} /> Since you handed over the link
            </h3>
            <ul>
              {snapshot.newErrors.map((error, index) => (
                <li key={`${error.erroredOnUtc ?? ''}-${index}`}>
                  <strong>{connectionErrorSummary(error)}</strong>
                  <span className="muted">{connectionErrorDetail(error, now)}</span>
                </li>
              ))}
            </ul>
            <p>
              That link is used up. If the customer wants to try again, regenerate the link and send it again; Linkdesk
              keeps watching.
            </p>
          </div>
        )}
      </div>

      {linked && <FirstSync progress={snapshot.sync} finished={snapshot.phase === 'synced'} />}
    </div>
  );
}

/** One notification for every data type that finished in the same poll. */
export function syncNotification(platform: string, companyName: string, finished: SyncProgress[]): [string, string] {
  const [only] = finished;
  const title =
    finished.length === 1 && only
      ? `${platform}: ${dataTypeLabel(only.dataType)} ${syncStateWords[only.state].toLowerCase()}`
      : `${platform}: ${finished.length} data types finished`;
  const list = finished
    .map((item) => `${dataTypeLabel(item.dataType)} ${syncStateWords[item.state].toLowerCase()}`)
    .join(', ');
  return [title.slice(0, 200), `${companyName}: ${list}`.slice(0, 1000)];
}
