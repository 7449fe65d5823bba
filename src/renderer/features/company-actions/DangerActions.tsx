/**
 * Unlink, delete a connection, delete a company: each confirmed in its own words, sent once, and showing
 * what Codat really answered (no optimistic success). A failure reloads the state and shows Codat's error.
 */
import { useId, useRef, useState, type ReactNode } from 'react';
import type { Company, Connection } from '@shared/codat/schemas';
import { statusInWords } from '@shared/domain/connections';
import type { BridgeError, Result } from '@shared/result';
import { linkdesk } from '@renderer/api';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Modal } from '@renderer/components/Modal';
import './company-actions.css';

type Environment = 'training' | 'test' | 'production';

interface ConfirmProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** When set, the user must type this exactly before the action is allowed. */
  typeToConfirm?: { label: string; expected: string };
  danger: boolean;
  run(): Promise<Result<unknown>>;
  onDone(): void;
  onFailed(): void;
  onClose(): void;
  returnFocusTo: React.RefObject<HTMLElement | null>;
}

function ConfirmDialog(props: ConfirmProps) {
  const inputId = useId();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<BridgeError | null>(null);
  const inFlight = useRef(false);
  const matches = !props.typeToConfirm || typed.trim() === props.typeToConfirm.expected;

  const confirm = async () => {
    // One click, one request: a double-click while in flight does nothing.
    if (inFlight.current || !matches) return;
    inFlight.current = true;
    setBusy(true);
    setFailure(null);
    const result = await props.run();
    inFlight.current = false;
    setBusy(false);
    if (result.ok) props.onDone();
    else {
      setFailure(result.error);
      props.onFailed();
    }
  };

  return (
    <Modal
      title={props.title}
      closeButton={false}
      onClose={() => !busy && props.onClose()}
      returnFocusTo={props.returnFocusTo}
      className="danger-dialog"
    >
      <div className="modal-body">
        <div className="danger-body">{props.children}</div>
        {props.typeToConfirm && (
          <div className="field">
            <label htmlFor={inputId}>{props.typeToConfirm.label}</label>
            <input
              id={inputId}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={`${inputId}-hint`}
            />
            <p id={`${inputId}-hint`} className="field-hint">
              Type <strong>{props.typeToConfirm.expected}</strong> to confirm.
            </p>
          </div>
        )}
        {failure && (
          <ErrorNotice
            error={failure}
            title="Nothing was changed, or Codat could not confirm it. The details are reloaded below."
          />
        )}
        <div className="form-actions">
          <button
            type="button"
            className={`button ${props.danger ? 'button-danger' : 'button-primary'}`}
            onClick={confirm}
            disabled={busy || !matches}
          >
            {props.confirmLabel}
          </button>
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          {busy && (
            <span className="progress" role="status">
              <span className="spinner" aria-hidden="true" /> Waiting for Codat…
            </span>
          )}
        </div>
      </div>
    </Modal>
  );
}

function ProductionWarning({ environment }: { environment: Environment }) {
  if (environment !== 'production') return null;
  return (
    <p className="production-warning" role="note">
      <strong>Production:</strong> this acts on a real customer’s live connection.
    </p>
  );
}

export interface ConnectionActionsProps {
  company: Company;
  connection: Connection;
  environment: Environment;
  /** Called after any attempt, successful or not, so the view shows what Codat now says. */
  onChanged(): void;
}

/** "Unlink" (only for Linked connections) and "Delete connection". */
export function ConnectionDangerActions({ company, connection, environment, onChanged }: ConnectionActionsProps) {
  const [open, setOpen] = useState<'unlink' | 'delete' | null>(null);
  const unlinkRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const canUnlink = connection.status === 'Linked';
  const reasonId = useId();
  return (
    <div className="danger-actions">
      {canUnlink ? (
        <button ref={unlinkRef} type="button" className="button" onClick={() => setOpen('unlink')}>
          Unlink
        </button>
      ) : (
        <span id={reasonId} className="field-hint">
          Unlink is for Linked connections; this one is {statusInWords(connection.status)}.
        </span>
      )}
      <button ref={deleteRef} type="button" className="button button-danger-quiet" onClick={() => setOpen('delete')}>
        Delete connection
      </button>
      {open === 'unlink' && (
        <ConfirmDialog
          title={`Unlink ${connection.platformName}?`}
          confirmLabel="Unlink connection"
          danger={false}
          returnFocusTo={unlinkRef}
          run={() => linkdesk.connections.unlink({ companyId: company.id, connectionId: connection.id })}
          onDone={() => {
            setOpen(null);
            onChanged();
          }}
          onFailed={onChanged}
          onClose={() => setOpen(null)}
        >
          <ProductionWarning environment={environment} />
          <ul>
            <li>
              Codat stops syncing new data from {connection.platformName} for {company.name}.
            </li>
            <li>Data already synced stays readable.</li>
            <li>The customer can re-link later with a fresh link; the connection and company are kept.</li>
          </ul>
        </ConfirmDialog>
      )}
      {open === 'delete' && (
        <ConfirmDialog
          title={`Delete the ${connection.platformName} connection of ${company.name}?`}
          confirmLabel="Delete connection"
          danger
          typeToConfirm={{ label: 'Platform name', expected: connection.platformName }}
          returnFocusTo={deleteRef}
          run={() => linkdesk.connections.delete({ companyId: company.id, connectionId: connection.id })}
          onDone={() => {
            setOpen(null);
            onChanged();
          }}
          onFailed={onChanged}
          onClose={() => setOpen(null)}
        >
          <ProductionWarning environment={environment} />
          <p>
            <strong>This cannot be undone.</strong> It revokes access and ends access to the data already synced from{' '}
            {connection.platformName}. New data would need a brand-new connection and the customer to authorise again.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** "Delete company", tucked into a menu of rare actions. */
export function CompanyMenu({
  company,
  environment,
  onDeleted,
}: {
  company: Company;
  environment: Environment;
  onDeleted(): void;
}) {
  const [confirming, setConfirming] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  return (
    <details className="company-menu">
      <summary>More actions</summary>
      <div className="company-menu-items">
        <button
          ref={triggerRef}
          type="button"
          className="button button-danger-quiet"
          onClick={() => setConfirming(true)}
        >
          Delete company
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={`Delete ${company.name}?`}
          confirmLabel="Delete company"
          danger
          typeToConfirm={{ label: 'Company name', expected: company.name }}
          returnFocusTo={triggerRef}
          run={() => linkdesk.companies.delete({ companyId: company.id })}
          onDone={() => {
            setConfirming(false);
            onDeleted();
          }}
          // The error stays in the dialog; the company is still there, so nothing else needs reloading.
          onFailed={() => {}}
          onClose={() => setConfirming(false)}
        >
          <ProductionWarning environment={environment} />
          <p>
            <strong>This cannot be undone.</strong> Codat permanently removes the company, all{' '}
            {company.dataConnections?.length ?? 0} of its connections and all data synced for it.
          </p>
        </ConfirmDialog>
      )}
    </details>
  );
}
