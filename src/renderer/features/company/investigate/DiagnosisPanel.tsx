/**
 * "What's wrong": Linkdesk's reading of this company (diagnosis.company) in plain words, each problem with
 * its severity, the next step, and the evidence (ids to quote, Codat's own messages).
 */
import { CircleCheck, RotateCw } from 'lucide-react';
import { useId } from 'react';
import type { Connection } from '@shared/codat/schemas';
import { categoryLabels, sortIssues, type HealthIssue } from '@shared/domain/health/model';
import { CopyButton } from '@renderer/components/CopyButton';
import { ActionButton } from '@renderer/components/ActionButton';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { StateBadge } from '@renderer/components/status/StateBadge';
import { SkeletonRows } from '@renderer/components/Skeleton';
import { useNow } from '@renderer/hooks/useNow';
import { exactTime, isCodatId, relativeTime, severityLooks } from './investigate-format';
import { usePullDialog } from './PullOperationDialog';
import { useDiagnosis } from './useInvestigation';

const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;
const embeddedId = /\bdataset ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/gi;

export function DiagnosisPanel(props: { companyId: string; connections: readonly Connection[]; active: boolean }) {
  const { companyId, connections, active } = props;
  const headingId = useId();
  const { health, loading, error, check } = useDiagnosis(companyId, active);
  const { openPull, pullDialog } = usePullDialog(companyId, connections);
  const now = useNow(30_000, active);

  const issues = health ? sortIssues(health.issues) : [];
  return (
    <section className="diagnosis" aria-labelledby={headingId} aria-busy={loading || undefined}>
      <div className="panel-toolbar">
        <div className="panel-summary">
          <h3 id={headingId}>What’s wrong</h3>
          {health && (
            <p className="muted">
              {issues.length === 0
                ? 'Linkdesk read the connections, data status and recent pulls'
                : `${issues.length} problem${issues.length === 1 ? '' : 's'}, most serious first`}{' '}
              · checked{' '}
              <time dateTime={health.checkedAt} title={exactTime(health.checkedAt)}>
                {relativeTime(health.checkedAt, now)}
              </time>
            </p>
          )}
        </div>
        <div className="panel-actions">
          <ActionButton Icon={RotateCw} busy={loading} onClick={() => void check()} disabled={loading}>
            Check again
          </ActionButton>
        </div>
      </div>
      {error && <ErrorNotice error={error} title="Could not check this company." />}
      {!health && !error && <SkeletonRows rows={3} label="Checking the connections, data status and recent pulls…" />}
      {health &&
        (issues.length === 0 ? (
          <p className="all-clear" data-tone="linked">
            <CircleCheck aria-hidden="true" size={18} /> No problems found
          </p>
        ) : (
          <ul className="issue-list">
            {issues.map((issue) => (
              <li key={issue.key}>
                <IssueCard
                  issue={issue}
                  now={now}
                  onOpenPull={(datasetId, opener) => openPull(datasetId, null, opener)}
                />
              </li>
            ))}
          </ul>
        ))}
      {pullDialog}
    </section>
  );
}

function IssueCard(props: {
  issue: HealthIssue;
  now: number;
  onOpenPull(datasetId: string, opener: HTMLElement): void;
}) {
  const { issue, now, onOpenPull } = props;
  const headingId = useId();
  const { tone, Icon, word } = severityLooks[issue.severity];
  return (
    <article className="issue" data-tone-border={tone} aria-labelledby={headingId}>
      <div className="issue-top">
        <h4 id={headingId}>{categoryLabels[issue.category]}</h4>
        <StateBadge tone={tone} Icon={Icon} className="severity">
          {word}
        </StateBadge>
        {issue.platformName && <span className="muted">{issue.platformName}</span>}
        {issue.since && (
          <span className="muted">
            since{' '}
            <time dateTime={issue.since} title={exactTime(issue.since)}>
              {relativeTime(issue.since, now)}
            </time>
          </span>
        )}
      </div>
      <p className="issue-summary">{issue.summary}</p>
      <p className="issue-action">
        <strong>What to do: </strong>
        {issue.action.text}
      </p>
      {issue.evidence.length > 0 && (
        <details className="evidence" open>
          <summary>Evidence</summary>
          <dl>
            {issue.evidence.map((item, index) => (
              <div key={`${item.label}-${index}`} className="evidence-item">
                <dt>{item.label}</dt>
                <dd>
                  <EvidenceValue label={item.label} value={item.value} now={now} onOpenPull={onOpenPull} />
                </dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </article>
  );
}

function EvidenceValue(props: {
  label: string;
  value: string;
  now: number;
  onOpenPull(datasetId: string, opener: HTMLElement): void;
}) {
  const { label, value, now, onOpenPull } = props;
  if (isCodatId(value)) {
    const what = label.toLowerCase();
    return (
      <>
        <code>{value}</code> <CopyButton text={value} label={`Copy ${what} ID`} />
        {label === 'Dataset' && <OpenPullButton datasetId={value} onOpenPull={onOpenPull} />}
      </>
    );
  }
  const embeddedIds = [...value.matchAll(embeddedId)].flatMap((match) => (match[1] ? [match[1]] : []));
  if (embeddedIds.length > 0) {
    // e.g. "dataset <id>, requested <time>": the ids in the sentence are what support will ask for.
    return (
      <>
        {value}{' '}
        {embeddedIds.map((id) => (
          <span key={id} className="evidence-tools">
            <CopyButton text={id} label="Copy dataset ID" />
            <OpenPullButton datasetId={id} onOpenPull={onOpenPull} />
          </span>
        ))}
      </>
    );
  }
  if (isoTime.test(value)) {
    return (
      <>
        {exactTime(value)} <span className="muted">({relativeTime(value, now)})</span>
      </>
    );
  }
  // Codat's own words are quoted as they came, so support recognises them.
  return label === 'Codat said' || label === 'Error' ? <q className="codat-words">{value}</q> : <>{value}</>;
}

function OpenPullButton(props: { datasetId: string; onOpenPull(datasetId: string, opener: HTMLElement): void }) {
  return (
    <button
      type="button"
      className="button button-small"
      onClick={(event) => props.onOpenPull(props.datasetId, event.currentTarget)}
    >
      Open pull operation
    </button>
  );
}
