/**
 * One pull operation (a "dataset") in full: every field Codat gives, its error in Codat's words and, for a
 * ValidationError, the validation results. Opened from Sync status, History, Timeline and the diagnosis.
 */
import { useCallback, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { Connection, PullOperation } from '@shared/codat/schemas';
import type { OperationOutput } from '@shared/contract';
import { CopyButton } from '@renderer/components/CopyButton';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { useNow } from '@renderer/hooks/useNow';
import { pullStatusExplanation } from '@renderer/components/status/pull-status';
import { exactTime, pullDuration, relativeTime } from './investigate-format';
import { usePullOperation } from './useInvestigation';
import { Modal } from '@renderer/components/Modal';
import { PullStatusBadge } from '@renderer/components/status/PullStatusBadge';

type PullDetail = OperationOutput<'data.pull'>;
type ValidationItem = NonNullable<NonNullable<PullDetail['validation']>['errors']>[number];

interface OpenPull {
  datasetId: string;
  /** What the opener already knows (a history row), shown while the fresh copy loads. */
  known: PullOperation | null;
}

/** The dialog's state for one panel: `openPull` from a button, `pullDialog` rendered once in the panel. */
export function usePullDialog(companyId: string, connections: readonly Connection[]) {
  const [open, setOpen] = useState<OpenPull | null>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const openPull = useCallback((datasetId: string, known?: PullOperation | null, opener?: HTMLElement | null) => {
    openerRef.current = opener ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
    setOpen({ datasetId, known: known ?? null });
  }, []);
  const pullDialog = open && (
    <PullOperationDialog
      key={open.datasetId}
      companyId={companyId}
      datasetId={open.datasetId}
      known={open.known}
      connections={connections}
      onClose={() => setOpen(null)}
      returnFocusTo={openerRef}
    />
  );
  return { openPull, pullDialog };
}

interface PullOperationDialogProps {
  companyId: string;
  datasetId: string;
  known: PullOperation | null;
  connections: readonly Connection[];
  onClose(): void;
  returnFocusTo: RefObject<HTMLElement | null>;
}

function PullOperationDialog(props: PullOperationDialogProps) {
  const { companyId, datasetId, known, connections, onClose, returnFocusTo } = props;
  const { load, retry } = usePullOperation(companyId, datasetId);
  const now = useNow(15_000);

  const pull = load.status === 'ready' ? load.detail.pull : known;
  const connection = pull && connections.find((candidate) => candidate.id === pull.connectionId);

  return (
    <Modal
      title="Pull operation"
      subtitle={pull && `${pull.dataType} · requested ${relativeTime(pull.requested, now)}`}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      className="pull-dialog"
    >
      <div className="modal-body pull-dialog-body">
        {load.status === 'loading' && (
          <p className="progress" role="status">
            <span className="spinner" aria-hidden="true" /> Reading the pull operation from Codat…
          </p>
        )}
        {load.status === 'failed' && (
          <div>
            <ErrorNotice error={load.error} title="Could not read this pull operation from Codat." />
            <button type="button" className="button" onClick={retry}>
              Try again
            </button>
          </div>
        )}
        {pull ? (
          <dl className="facts pull-fields">
            <Field label="Dataset ID">
              <code>{pull.id}</code> <CopyButton text={pull.id} label="Copy dataset ID" />
            </Field>
            <Field label="Data type">
              <code>{pull.dataType}</code>
            </Field>
            <Field label="Status">
              <PullStatusBadge status={pull.status} />
              <span className="field-note">{pullStatusExplanation(pull.status)}</span>
            </Field>
            {pull.errorMessage && (
              <Field label="Error message">
                <span className="codat-words">{pull.errorMessage}</span>
              </Field>
            )}
            {pull.statusDescription && (
              <Field label="Status description">
                <span className="codat-words">{pull.statusDescription}</span>
              </Field>
            )}
            <Field label="Requested">
              {exactTime(pull.requested)} <span className="muted">({relativeTime(pull.requested, now)})</span>
            </Field>
            <Field label="Completed">
              {pull.completed ? (
                <>
                  {exactTime(pull.completed)} <span className="muted">({relativeTime(pull.completed, now)})</span>
                </>
              ) : (
                <span className="muted">Not completed</span>
              )}
            </Field>
            <Field label="Duration">{pullDuration(pull, now)}</Field>
            <Field label="Progress">
              <span className="pull-progress">
                <progress value={pull.progress} max={100} aria-label="Pull progress" /> {pull.progress}%
              </span>
            </Field>
            <Field label="Completed successfully">{pull.isCompleted ? 'Yes' : 'No'}</Field>
            <Field label="Errored">{pull.isErrored ? 'Yes' : 'No'}</Field>
            <Field label="Connection">
              {connection && <span>{connection.platformName} </span>}
              <code>{pull.connectionId}</code> <CopyButton text={pull.connectionId} label="Copy connection ID" />
            </Field>
            <Field label="Company ID">
              <code>{pull.companyId}</code>
            </Field>
          </dl>
        ) : (
          load.status === 'loading' && (
            <p className="muted">
              Dataset <code>{datasetId}</code>
            </p>
          )
        )}
        {load.status === 'ready' && load.detail.pull.status === 'ValidationError' && (
          <ValidationResults validation={load.detail.validation} />
        )}
      </div>
    </Modal>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function ValidationResults({ validation }: { validation: PullDetail['validation'] }) {
  const headingId = useId();
  const errors = validation?.errors ?? [];
  const warnings = validation?.warnings ?? [];
  return (
    <section className="validation-results" aria-labelledby={headingId}>
      <h3 id={headingId}>Validation results</h3>
      {!validation || (errors.length === 0 && warnings.length === 0) ? (
        <p className="muted">Codat returned no validation findings for this dataset.</p>
      ) : (
        <>
          <ValidationList title="Errors" tone="error" items={errors} />
          <ValidationList title="Warnings" tone="pending" items={warnings} />
        </>
      )}
    </section>
  );
}

function ValidationList({ title, tone, items }: { title: string; tone: 'error' | 'pending'; items: ValidationItem[] }) {
  const headingId = useId();
  if (items.length === 0) return null;
  return (
    <div className="validation-group" data-tone-border={tone}>
      <h4 id={headingId}>
        {title} ({items.length})
      </h4>
      <ul aria-labelledby={headingId}>
        {items.map((item, index) => (
          <li key={`${item.ruleId ?? ''}-${item.itemId ?? ''}-${index}`}>
            <span className="codat-words">{item.message ?? 'No message'}</span>
            <span className="muted validation-meta">
              {[
                item.itemId && `record ${item.itemId}`,
                item.ruleId && `rule ${item.ruleId}`,
                item.validatorName && `by ${item.validatorName}`,
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
