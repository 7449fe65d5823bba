/**
 * Follow-up reminders and the monitor's alerts that main could not show (the browser console, or a desktop without
 * notifications): the browser's own where the user allowed them, else on the page. Main says whether it showed each
 * (`shownByMain`), so the desktop app never shows one twice.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload } from '@shared/contract';
import type { FollowUpNoticeTarget } from '@shared/domain/followup-notices';
import { pageIds, type PageId } from '@shared/pages';
import { linkdesk } from '../api';
import { browserNotifications } from '../lib/browser-notifications';
import { useAppStore } from '../stores/app-store';

/** A follow-up notice, or a monitor round's alert (`inbox.changed`): shown the same way. */
type Notice =
  NonNullable<EventPayload<'followups.changed'>['notice']> | NonNullable<EventPayload<'inbox.changed'>['notice']>;

/** Where a notice leads: a company, the Follow-ups page, or the Inbox. */
export type NoticeTarget = FollowUpNoticeTarget | { page: 'inbox' };

export interface ReminderToast {
  id: number;
  title: string;
  body: string;
  target: NoticeTarget;
}

/** Opens what a notification was about: its company, or its page (Companies where this build has no such page). */
export function openNoticeTarget(target: NoticeTarget): void {
  const store = useAppStore.getState();
  if ('companyId' in target) store.openCompany(target.companyId);
  else store.navigate((pageIds as readonly string[]).includes(target.page) ? (target.page as PageId) : 'companies');
}

/** Shows it with the browser's notifications, if this is the browser console and the user allowed them. */
function showInBrowser(notice: Notice): boolean {
  const api = browserNotifications();
  if (useAppStore.getState().info?.host !== 'web' || api?.permission !== 'granted') return false;
  try {
    // The same tag in every tab: the browser shows one, not one per tab.
    const shown = new api(notice.title, { body: notice.body, tag: notice.tag });
    shown.onclick = () => {
      window.focus();
      openNoticeTarget(notice.target);
      shown.close();
    };
    return true;
  } catch (error) {
    // Some browsers allow notifications only from a service worker: the page shows it instead.
    console.warn(`[followups] the browser refused a notification: ${String(error)}`);
    return false;
  }
}

export function useReminders() {
  const [toasts, setToasts] = useState<ReminderToast[]>([]);
  const nextId = useRef(1);
  useEffect(() => {
    const show = (notice: Notice | null | undefined) => {
      if (!notice || notice.shownByMain || showInBrowser(notice)) return;
      const id = nextId.current++;
      // The latest few.
      setToasts((current) => [
        ...current.slice(-2),
        { id, title: notice.title, body: notice.body, target: notice.target },
      ]);
    };
    const offFollowUps = linkdesk.on('followups.changed', ({ notice }) => show(notice));
    const offInbox = linkdesk.on('inbox.changed', ({ notice }) => show(notice));
    return () => {
      offFollowUps();
      offInbox();
    };
  }, []);
  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);
  return { toasts, dismiss };
}
