/**
 * Triage: acknowledge, snooze, mute and unmute, by issue key, one request at a time from the page. Main changes
 * the inbox and says so (`inbox.changed`); the list is read again here too, so the page never waits on the event.
 */
import { useRef, useState } from 'react';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';
import { useInboxStore } from './inbox-store';

export type TriageAction = 'acknowledge' | 'snooze' | 'mute' | 'unmute';

const done: Record<TriageAction, string> = {
  acknowledge: 'Acknowledged',
  snooze: 'Snoozed',
  mute: 'Muted',
  unmute: 'Unmuted',
};

export function useInboxActions() {
  const [busy, setBusy] = useState<TriageAction | null>(null);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<{ title: string; error: BridgeError } | null>(null);
  const busyRef = useRef(false);

  /** True when main took it. `what` names the issues for the message ("Acme", "3 issues"). */
  const run = async (action: TriageAction, keys: string[], what: string, until?: Date): Promise<boolean> => {
    if (busyRef.current || keys.length === 0) return false;
    busyRef.current = true;
    setBusy(action);
    setFailure(null);
    setMessage('');
    try {
      const result =
        action === 'snooze'
          ? await linkdesk.inbox.snooze({ keys, until: (until ?? new Date()).toISOString() })
          : await linkdesk.inbox[action]({ keys });
      if (!result.ok) {
        setFailure({ title: `Could not ${action} ${what}.`, error: result.error });
        return false;
      }
      setMessage(`${done[action]}: ${what}.`);
      await useInboxStore.getState().load();
      return true;
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  };

  return { busy, message, failure, run };
}
