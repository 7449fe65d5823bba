/**
 * The active profile's hand-overs as main last told them, for the navigation's badge and the Follow-ups page.
 * Read once something needs them, and again whenever main says they changed or the profile changed. Part of
 * the always-loaded code, so it stays small; the page itself is loaded when it is opened.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { OperationOutput } from '@shared/contract';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';

export type FollowUpList = OperationOutput<'followups.list'>;

interface FollowUpsState {
  list: FollowUpList | null;
  /** Why the last read failed (the list, if any, is the one read before). */
  error: BridgeError | null;
  loading: boolean;
  load(): Promise<void>;
  /** Asks main to check with Codat now, then reads the list again (the check's time is news too). */
  checkNow(): Promise<BridgeError | null>;
  /** Forgets the hand-overs that have ended (main tells every page). */
  clearDone(): ReturnType<typeof linkdesk.followups.clearDone>;
}

/** Reads are numbered: an older answer arriving after a newer one is dropped. */
let latestRead = 0;

export const useFollowUpsStore = create<FollowUpsState>()((set, get) => ({
  list: null,
  error: null,
  loading: false,
  async load() {
    const read = ++latestRead;
    set({ loading: true });
    const result = await linkdesk.followups.list();
    if (read !== latestRead) return;
    if (result.ok) set({ list: result.value, error: null, loading: false });
    else set({ error: result.error, loading: false });
  },
  async checkNow() {
    const result = await linkdesk.followups.checkNow();
    await get().load();
    return result.ok ? null : result.error;
  },
  clearDone: () => linkdesk.followups.clearDone(),
}));

let subscribers = 0;
let unsubscribe: (() => void) | null = null;

function subscribe(): () => void {
  subscribers += 1;
  if (subscribers === 1) {
    const { load } = useFollowUpsStore.getState();
    const offChanged = linkdesk.on('followups.changed', () => void load());
    const offProfile = linkdesk.on('profiles.changed', () => {
      // Another profile's hand-overs are not these: nothing is shown until they are read.
      useFollowUpsStore.setState({ list: null, error: null });
      void load();
    });
    unsubscribe = () => {
      offChanged();
      offProfile();
    };
    void load();
  }
  return () => {
    subscribers -= 1;
    if (subscribers === 0) {
      unsubscribe?.();
      unsubscribe = null;
    }
  };
}

/** Keeps the hand-overs read and up to date while the calling component is on screen. */
export function useFollowUpsFeed(): void {
  useEffect(subscribe, []);
}
