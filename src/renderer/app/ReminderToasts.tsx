/** Follow-up notifications on the page, wherever the user is, when they could not reach the desktop. */
import './reminder-toasts.css';
import { X } from 'lucide-react';
import { useEffect } from 'react';
import { openNoticeTarget, useReminders, type ReminderToast } from './useReminders';

export function ReminderToasts() {
  const { toasts, dismiss } = useReminders();
  return (
    <div className="reminder-toasts" role="status" aria-label="Reminders and alerts">
      {toasts.map((toast) => (
        <ReminderToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
      ))}
    </div>
  );
}

/** Long enough to read after looking up from another window; the Follow-ups page keeps them all anyway. */
const toastLifetimeMs = 30_000;

function ReminderToastItem({ toast, onDismiss: dismiss }: { toast: ReminderToast; onDismiss(id: number): void }) {
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), toastLifetimeMs);
    return () => clearTimeout(timer);
  }, [toast.id, dismiss]);
  return (
    <div className="followup-toast">
      <div>
        <p className="followup-toast-title">{toast.title}</p>
        {toast.body && <p className="followup-toast-body">{toast.body}</p>}
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            dismiss(toast.id);
            openNoticeTarget(toast.target);
          }}
        >
          {'companyId' in toast.target
            ? 'Open company'
            : toast.target.page === 'inbox'
              ? 'Open Inbox'
              : 'Open Follow-ups'}
        </button>
      </div>
      <button
        type="button"
        className="button button-quiet icon-button"
        onClick={() => dismiss(toast.id)}
        aria-label={`Dismiss: ${toast.title}`}
      >
        <X aria-hidden="true" size={16} />
      </button>
    </div>
  );
}
