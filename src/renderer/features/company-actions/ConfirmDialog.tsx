import { useRef, useState, type ReactNode, type RefObject } from 'react';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import { Modal } from '@renderer/components/Modal';
import type { ConfirmedRequest } from './useConfirmedRequest';

interface ConfirmDialogProps {
  title: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  confirmLabel: string;
  /** When set, the user must type this exactly before the action is allowed. */
  typeToConfirm?: { label: string; expected: string };
  /** Irreversible: the confirm button is red. */
  danger: boolean;
  request: ConfirmedRequest;
  onClose(): void;
  returnFocusTo: RefObject<HTMLElement | null>;
}

/**
 * A confirmation in the action's own words; it cannot be closed while its request is in flight. It opens on the
 * confirmation field, or else on Cancel, never on the action: Enter alone must not do what cannot be undone.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { request, typeToConfirm } = props;
  const [typed, setTyped] = useState('');
  const matches = !typeToConfirm || typed.trim() === typeToConfirm.expected;
  const confirmFieldRef = useRef<HTMLInputElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  const confirm = () => {
    if (matches) void request.send();
  };

  return (
    <Modal
      title={props.title}
      closeButton={false}
      onClose={() => !request.busy && props.onClose()}
      returnFocusTo={props.returnFocusTo}
      initialFocus={typeToConfirm ? confirmFieldRef : cancelRef}
      className="danger-dialog"
    >
      <div className="modal-body">
        <div className="danger-body">{props.children}</div>
        {typeToConfirm && (
          <Field
            label={typeToConfirm.label}
            hint={
              <>
                Type <strong>{typeToConfirm.expected}</strong> to confirm.
              </>
            }
          >
            {(control) => (
              <input
                {...control}
                ref={confirmFieldRef}
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
        )}
        <div className="form-actions">
          <button
            type="button"
            className={`button ${props.danger ? 'button-danger' : 'button-primary'}`}
            onClick={confirm}
            disabled={request.busy || !matches}
          >
            {props.confirmLabel}
          </button>
          <button ref={cancelRef} type="button" className="button" onClick={props.onClose} disabled={request.busy}>
            Cancel
          </button>
          <span className="progress" role="status">
            {request.busy && (
              <>
                <span className="spinner" aria-hidden="true" /> Waiting for Codat…
              </>
            )}
          </span>
        </div>
        {/* Below the buttons, so that it never moves them. */}
        {request.failure && (
          <ErrorNotice
            error={request.failure}
            title="Nothing was changed, or Codat could not confirm it. The details are reloaded below."
          />
        )}
      </div>
    </Modal>
  );
}
