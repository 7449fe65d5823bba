/**
 * The active profile's issues inbox as main last told it: the count of New for the navigation's badge (and the
 * browser tab's title), and the whole list for the Inbox page. Part of the always-loaded code, so it stays small;
 * the page is loaded when it is opened. The list is read when something needs it, and again whenever main says
 * the inbox changed or the profile changed; while the page is closed, main's word carries the New count alone, so
 * a round does not send the whole inbox across the bridge for a number.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { OperationOutput } from '@shared/contract';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';

export type InboxList = OperationOutput<'inbox.list'>;

interface InboxState {
  list: InboxList | null;
  /** The number of New issues (the badge), from the last read or main's last word. */
  newCount: number;
  /** The list is older than main's last word (read it again when the page is shown). */
  stale: boolean;
  /** Why the last read failed (the list, if any, is the one read before). */
  error: BridgeError | null;
  loading: boolean;
  load(): Promise<void>;
}

/** Reads are numbered: an older answer arriving after a newer one is dropped. */
let latestRead = 0;

export const useInboxStore = create<InboxState>()((set) => ({
  list: null,
  newCount: 0,
  stale: false,
  error: null,
  loading: false,
  async load() {
    const read = ++latestRead;
    set({ loading: true });
    const result = await linkdesk.inbox.list();
    if (read !== latestRead) return;
    if (result.ok) {
      set({ list: result.value, newCount: result.value.counts.new ?? 0, stale: false, error: null, loading: false });
    } else set({ error: result.error, loading: false });
  },
}));

let subscribers = 0;
/** How many of the subscribers need the whole list (the page), not just the count. */
let listReaders = 0;
let unsubscribe: (() => void) | null = null;

function start(): void {
  const { load } = useInboxStore.getState();
  const offChanged = linkdesk.on('inbox.changed', ({ newCount }) => {
    useInboxStore.setState({ newCount, stale: true });
    if (listReaders > 0) void load();
  });
  const offProfile = linkdesk.on('profiles.changed', () => {
    // Another profile's issues are not these: nothing is shown until they are read.
    useInboxStore.setState({ list: null, newCount: 0, error: null, stale: false });
    void load();
  });
  unsubscribe = () => {
    offChanged();
    offProfile();
  };
}

function subscribe(readsList: boolean): () => void {
  subscribers += 1;
  if (readsList) listReaders += 1;
  if (subscribers === 1) start();
  const { list, stale, loading, load } = useInboxStore.getState();
  if ((!list && !loading) || (readsList && stale)) void load();
  return () => {
    subscribers -= 1;
    if (readsList) listReaders -= 1;
    if (subscribers === 0) {
      unsubscribe?.();
      unsubscribe = null;
    }
  };
}

/** Keeps the New count read and up to date while the calling component is on screen. */
export function useInboxCountFeed(): void {
  useEffect(() => subscribe(false), []);
}

/** Keeps the whole inbox read and up to date while the calling component (the page) is on screen. */
export function useInboxFeed(): void {
  useEffect(() => subscribe(true), []);
}
