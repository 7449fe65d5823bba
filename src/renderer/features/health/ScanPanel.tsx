/** Scan controls and what the scan is doing: the buttons, a progress bar while it runs, and how it ended. */
import { CircleCheck, CircleSlash, Hourglass, ScanSearch, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import type { ScanState } from '@shared/contract';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { formatDateTime } from '@renderer/lib/format';
import { countOf, numberFormat, scanTime } from './health-format';
import type { HealthScan } from './useHealthScan';

export function ScanPanel({ health, children }: { health: HealthScan; children?: ReactNode }) {
  const { scan, starting, cancelling, actionError } = health;
  const running = starting || scan?.state === 'running';
  return (
    <section className="scan-panel" aria-label="Scan">
      <div className="scan-controls">
        <button type="button" className="button button-primary" onClick={health.start} disabled={running}>
          <ScanSearch aria-hidden="true" focusable="false" size={16} />
          Scan all companies
        </button>
        {running && (
          <button type="button" className="button" onClick={health.cancel} disabled={cancelling}>
            Cancel scan
          </button>
        )}
        <p className="scan-state" role="status">
          <ScanStateMessage scan={scan} starting={starting} cancelling={cancelling} />
        </p>
      </div>
      {scan?.state === 'running' && <ScanProgress scan={scan} />}
      {scan?.state === 'failed' && (
        <ErrorNotice
          title="The scan stopped before it reached every company"
          error={{ code: 'internal', message: scan.error ?? 'The scan stopped unexpectedly.' }}
        />
      )}
      {actionError && <ErrorNotice title={actionError.title} error={actionError.error} />}
      {children}
    </section>
  );
}

function ScanStateMessage({
  scan,
  starting,
  cancelling,
}: {
  scan: ScanState | null;
  starting: boolean;
  cancelling: boolean;
}) {
  if (starting) return <Line tone="progress">{cancelling ? 'Stopping the scan…' : 'Starting the scan…'}</Line>;
  if (!scan) return null;
  const scanned = countOf(scan.companiesScanned, 'company', 'companies');
  switch (scan.state) {
    case 'running':
      return (
        <Line tone="progress">
          {cancelling ? 'Stopping the scan…' : 'Scanning all companies: issues appear below as they are found.'}
        </Line>
      );
    case 'finished':
      return (
        <Line tone="good" Icon={CircleCheck}>
          Scanned {scanned} at{' '}
          <time dateTime={scan.finishedAt ?? scan.startedAt} title={formatDateTime(scan.finishedAt ?? scan.startedAt)}>
            {scanTime(scan.finishedAt ?? scan.startedAt)}
          </time>{' '}
          using {countOf(scan.requestsUsed, 'request', 'requests')} (
          {countOf(scan.closerLooks, 'closer look', 'closer looks')}, {numberFormat.format(scan.reused)} reused)
          {scan.unreadable
            ? `; ${countOf(scan.unreadable, 'company', 'companies')} Codat listed could not be read, so ${scan.unreadable === 1 ? 'it was' : 'they were'} not scanned`
            : ''}
        </Line>
      );
    case 'cancelled':
      return (
        <Line tone="neutral" Icon={CircleSlash}>
          Scan cancelled after {scanned}: results so far below
        </Line>
      );
    case 'paused_for_quota':
      return (
        <Line tone="warning" Icon={Hourglass}>
          Stopped to keep the day's remaining requests for your team, after {scanned}
          {scan.totalCompanies !== null ? ` of ${numberFormat.format(scan.totalCompanies)}` : ''}: results so far below.
          Scan again once the daily quota resets.
        </Line>
      );
    case 'failed':
      return (
        <Line tone="bad">
          The scan failed after {scanned}
          {scan.companiesScanned > 0 ? ': results so far below' : ''}
        </Line>
      );
  }
}

function Line({
  tone,
  Icon,
  children,
}: {
  tone: 'progress' | 'good' | 'neutral' | 'warning' | 'bad';
  Icon?: LucideIcon;
  children: ReactNode;
}) {
  return (
    <span className="scan-state-line" data-tone={tone}>
      {tone === 'progress' ? (
        <span className="spinner" aria-hidden="true" />
      ) : (
        Icon && <Icon aria-hidden="true" focusable="false" size={16} />
      )}
      <span>{children}</span>
    </span>
  );
}

function ScanProgress({ scan }: { scan: ScanState }) {
  const total = scan.totalCompanies;
  const fraction = total ? Math.min(1, scan.companiesScanned / total) : 0;
  const parts = [
    total === null
      ? 'Listing companies…'
      : `${numberFormat.format(scan.companiesScanned)} of ${numberFormat.format(total)} companies scanned`,
    `${countOf(scan.requestsUsed, 'request', 'requests')} used`,
    ...(scan.rateLimitRemaining !== null
      ? [`${countOf(scan.rateLimitRemaining, 'request', 'requests')} left today`]
      : []),
  ];
  return (
    <div className="scan-progress">
      {/* Without a total yet the bar is indeterminate: no value at all, rather than a wrong one. */}
      <div
        className="scan-progress-track"
        role="progressbar"
        aria-label="Scan progress"
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={total === null ? undefined : scan.companiesScanned}
        aria-valuetext={total === null ? undefined : parts[0]}
        data-indeterminate={total === null || undefined}
      >
        <span className="scan-progress-fill" style={{ transform: `scaleX(${fraction})` }} />
      </div>
      <p className="scan-progress-text">{parts.join(' · ')}</p>
    </div>
  );
}
