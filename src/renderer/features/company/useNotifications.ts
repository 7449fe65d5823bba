import { useCallback } from 'react';
import { linkdesk } from '@renderer/api';
import { useToasts } from './Toasts';

/** Desktop notifications (linked, first sync done); where the host has none (the browser console), on the page. */
export function useNotifications() {
  const { toasts, push, dismiss } = useToasts();
  const notify = useCallback(
    (title: string, body: string) => {
      void linkdesk.system.notify({ title, body }).then((result) => {
        if (!result.ok || !result.value.shown) push({ title, body });
      });
    },
    [push],
  );
  /** A line on the page only (for what the user just did, such as a copy from the command palette). */
  const say = useCallback((title: string) => push({ title, body: '' }), [push]);
  return { toasts, dismiss, notify, say };
}
