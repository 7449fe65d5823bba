import { create } from 'zustand';
import type { AppInfo, EventPayload } from '../../shared/contract';
import { pageIds, type PageId } from '../../shared/pages';
import type { BridgeError } from '../../shared/result';
import { linkdesk } from '../api';

type RateLimit = EventPayload<'codat.rateLimit'>;

interface AppState {
  page: PageId;
  info: AppInfo | null;
  infoError: BridgeError | null;
  /** The browser's own view plus, once known, whether main can reach Codat. */
  online: boolean;
  rateLimit: RateLimit | null;
  navigate(page: PageId): void;
  setInfo(info: AppInfo): void;
  setInfoError(error: BridgeError): void;
  setOnline(online: boolean): void;
  setRateLimit(rateLimit: RateLimit): void;
  /** Asks main again (after a profile change, for example). */
  refreshInfo(): Promise<void>;
  dismissedNotices: string[];
  dismissNotice(notice: string): void;
}

export function pageFromHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (pageIds as readonly string[]).includes(id) ? (id as PageId) : 'companies';
}

export const useAppStore = create<AppState>()((set) => ({
  page: pageFromHash(window.location.hash),
  info: null,
  infoError: null,
  online: navigator.onLine,
  rateLimit: null,
  navigate(page) {
    if (window.location.hash !== `#/${page}`) window.location.hash = `#/${page}`;
    set({ page });
  },
  setInfo: (info) => set({ info, infoError: null }),
  setInfoError: (infoError) => set({ infoError }),
  setOnline: (online) => set({ online }),
  setRateLimit: (rateLimit) => set({ rateLimit }),
  async refreshInfo() {
    const result = await linkdesk.app.info();
    if (result.ok) set({ info: result.value, infoError: null });
    else set({ infoError: result.error });
  },
  dismissedNotices: [],
  dismissNotice: (notice) => set((state) => ({ dismissedNotices: [...state.dismissedNotices, notice] })),
}));
