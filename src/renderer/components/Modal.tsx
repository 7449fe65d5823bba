import './Modal.css';
import { X } from 'lucide-react';
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

const focusableSelector = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

interface ModalProps {
  /** The dialog's heading, which names it (aria-labelledby). */
  title: ReactNode;
  /** A line under the heading (what the dialog is about). */
  subtitle?: ReactNode;
  onClose(): void;
  /**
   * The "Close" button in the header. Off for a confirmation, whose own Cancel button closes it; Escape closes
   * every dialog either way.
   */
  closeButton?: boolean;
  /** Where focus goes back to when the dialog closes (the button that opened it). */
  returnFocusTo: RefObject<HTMLElement | null>;
  /** What to focus first; otherwise the first focusable control. */
  initialFocus?: RefObject<HTMLElement | null>;
  className?: string;
  children: ReactNode;
}

/**
 * A modal dialog on the native <dialog> (the rest of the page becomes inert): its title and a Close button at the
 * top, Tab kept inside it, Escape closing it through `onClose`, and focus returned to its opener.
 */
export function Modal(props: ModalProps) {
  const { title, subtitle, onClose, closeButton = true, returnFocusTo, initialFocus, className, children } = props;
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const opener = returnFocusTo.current;
    if (!dialog.open) dialog.showModal();
    const first = initialFocus?.current ?? dialog.querySelector<HTMLElement>(focusableSelector);
    first?.focus();
    // Escape: let React decide (it unmounts the dialog), rather than the browser closing it behind its back.
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      (returnFocusTo.current ?? opener)?.focus();
    };
  }, [initialFocus, returnFocusTo]);

  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>(focusableSelector)].filter(
      (element) => element.offsetParent !== null || element === document.activeElement,
    );
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const heading = <h2 id={titleId}>{title}</h2>;
  return (
    <dialog
      ref={dialogRef}
      className={className ? `modal ${className}` : 'modal'}
      aria-labelledby={titleId}
      aria-modal="true"
      onKeyDown={trapTab}
    >
      <div className="modal-header">
        {subtitle ? (
          <div>
            {heading}
            <p className="modal-subtitle">{subtitle}</p>
          </div>
        ) : (
          heading
        )}
        {closeButton && (
          <button type="button" className="button button-quiet icon-button" onClick={onClose} aria-label="Close">
            <X aria-hidden="true" size={18} />
          </button>
        )}
      </div>
      {children}
    </dialog>
  );
}
