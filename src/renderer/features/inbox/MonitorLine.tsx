/**
 * The line at the top of the Inbox: when the monitor last checked and checks next, its budget used today, and
 * "Check now" with the round's progress in a place kept for it, then what the round found or why it stopped.
 * When monitoring is off for the profile it says so once, with the way to turn it on.
 */
import { RefreshCw, Settings } from 'lucide-react';
import { ActionButton } from '@renderer/components/ActionButton';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { useNow } from '@renderer/hooks/useNow';
import { ageInWords, formatDateTime, waitInWords } from '@renderer/lib/format';
import { useAppStore } from '@renderer/stores/app-store';
import { roundOutcome, roundProgress } from './inbox-format';
import { useMonitor } from './useMonitor';

const count = new Intl.NumberFormat();

export function MonitorLine() {
  const now = useNow(15_000);
  const monitor = useMonitor();
  const { status, round } = monitor;
  const running = monitor.starting || round?.state === 'running';

  const last = status?.round;
  const lastWords = !status ? (
    'Reading the monitor’s status…'
  ) : last && last.state !== 'running' ? (
    <>
      Last checked{' '}
      <time dateTime={last.finishedAt ?? last.startedAt} title={formatDateTime(last.finishedAt ?? last.startedAt)}>
        {ageInWords(Date.parse(last.finishedAt ?? last.startedAt), now)}
      </time>
    </>
  ) : last ? (
    'Checking now'
  ) : (
    'Not checked yet'
  );
  const next = status?.nextRoundAt
    ? Date.parse(status.nextRoundAt) <= now
      ? 'next check due now'
      : `next check in ${waitInWords(Date.parse(status.nextRoundAt), now)}`
    : null;
  const budget = status
    ? status.budget.limitToday === null
      ? `${count.format(status.budget.usedToday)} requests used today`
      : `${count.format(status.budget.usedToday)} of ${count.format(status.budget.limitToday)} requests of today’s budget used`
    : null;

  return (
    <div className="inbox-monitor">
      <div className="inbox-monitor-line">
        <p className="muted">
          {lastWords}
          {status?.enabled && next && ` · ${next}`}
          {budget && ` · ${budget}`}
        </p>
        <ActionButton
          Icon={RefreshCw}
          busy={running}
          onClick={() => void monitor.checkNow()}
          aria-disabled={running || undefined}
          title="Check every company with Codat now, within today’s budget"
        >
          Check now
        </ActionButton>
      </div>
      {status && !status.enabled && (
        <p className="inbox-monitor-off">
          Monitoring in the background is off for this profile: the inbox changes when you press Check now or scan on
          the Health page.{' '}
          <button type="button" className="link-button" onClick={() => useAppStore.getState().navigate('settings')}>
            <Settings aria-hidden="true" size={14} /> Turn it on in Settings
          </button>
        </p>
      )}
      {/* Kept in the page while empty, so that the list does not jump when a round starts or ends. */}
      <p className="inbox-round" role="status">
        {round ? (round.state === 'running' ? roundProgress(round) : roundOutcome(round)) : ''}
      </p>
      {monitor.failure && <ErrorNotice error={monitor.failure} title="Could not start a check." />}
      {monitor.statusError && !status && (
        <ErrorNotice error={monitor.statusError} title="Could not read the monitor’s status." />
      )}
    </div>
  );
}
