/**
 * A connection's rare, destructive actions: "Unlink" (only for Linked connections) and "Delete connection", each
 * confirmed in its own words, sent once, and followed by a reload showing what Codat really answered.
 */
import './company-actions.css';
import { useId, useRef, useState, type RefObject } from 'react';
import type { Company, Connection } from '@shared/codat/schemas';
import { authorisationProblem, statusInWords } from '@shared/domain/connections';
import { useEnvironment } from '@renderer/stores/app-store';
import { useCommands } from '@renderer/stores/commands';
import { ConfirmDialog } from './ConfirmDialog';
import { ProductionWarning } from './ProductionWarning';
import { useDeleteConnection, useUnlinkConnection } from './useConfirmedRequest';

export interface ConnectionActionsProps {
  company: Company;
  connection: Connection;
  /** Called after any attempt, successful or not, so the view shows what Codat now says. */
  onChanged(): void;
}

/** Why this connection has nothing to unlink, as its chip says it (a cancelled attempt is not merely waiting). */
function notLinkedInWords(connection: Connection): string {
  const problem = authorisationProblem(connection);
  if (problem) return `the customer's authorisation ${problem.outcome === 'cancelled' ? 'was cancelled' : 'failed'}`;
  return `this one is ${statusInWords(connection.status)}`;
}

export function ConnectionActions({ company, connection, onChanged }: ConnectionActionsProps) {
  const [open, setOpen] = useState<'unlink' | 'delete' | null>(null);
  const unlinkRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const canUnlink = connection.status === 'Linked';
  const reasonId = useId();
  const dialog = { company, connection, onChanged, onClose: () => setOpen(null) };
  // From the command palette too, but only ever to the same confirmation.
  useCommands(
    canUnlink
      ? [
          {
            id: `unlink:${connection.id}`,
            label: `Unlink ${connection.platformName}…`,
            group: 'This company',
            keywords: ['revoke', 'disconnect'],
            run: () => setOpen('unlink'),
          },
        ]
      : [],
  );
  return (
    <div className="danger-actions">
      {canUnlink ? (
        <button ref={unlinkRef} type="button" className="button" onClick={() => setOpen('unlink')}>
          Unlink
        </button>
      ) : (
        <span id={reasonId} className="field-hint">
          Unlink is for Linked connections; {notLinkedInWords(connection)}.
        </span>
      )}
      <button ref={deleteRef} type="button" className="button button-danger-quiet" onClick={() => setOpen('delete')}>
        Delete connection
      </button>
      {open === 'unlink' && <UnlinkDialog {...dialog} returnFocusTo={unlinkRef} />}
      {open === 'delete' && <DeleteConnectionDialog {...dialog} returnFocusTo={deleteRef} />}
    </div>
  );
}

interface DialogProps extends ConnectionActionsProps {
  onClose(): void;
  returnFocusTo: RefObject<HTMLElement | null>;
}

/** Which connection, and what follows Codat's answer: closed and reloaded when done, reloaded when refused. */
function requestFor({ company, connection, onChanged, onClose }: DialogProps) {
  const target = { companyId: company.id, connectionId: connection.id };
  const outcome = {
    onDone: () => {
      onClose();
      onChanged();
    },
    onFailed: onChanged,
  };
  return [target, outcome] as const;
}

function UnlinkDialog(props: DialogProps) {
  const { company, connection, onClose, returnFocusTo } = props;
  const environment = useEnvironment();
  const unlink = useUnlinkConnection(...requestFor(props));
  return (
    <ConfirmDialog
      title={`Unlink ${connection.platformName}?`}
      confirmLabel="Unlink connection"
      danger={false}
      request={unlink}
      returnFocusTo={returnFocusTo}
      onClose={onClose}
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
  );
}

function DeleteConnectionDialog(props: DialogProps) {
  const { company, connection, onClose, returnFocusTo } = props;
  const environment = useEnvironment();
  const remove = useDeleteConnection(...requestFor(props));
  return (
    <ConfirmDialog
      title={`Delete the ${connection.platformName} connection of ${company.name}?`}
      confirmLabel="Delete connection"
      danger
      typeToConfirm={{ label: 'Platform name', expected: connection.platformName }}
      request={remove}
      returnFocusTo={returnFocusTo}
      onClose={onClose}
    >
      <ProductionWarning environment={environment} />
      <p>
        <strong>This cannot be undone.</strong> It revokes access and ends access to the data already synced from{' '}
        {connection.platformName}. New data would need a brand-new connection and the customer to authorise again.
      </p>
    </ConfirmDialog>
  );
}
