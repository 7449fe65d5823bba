import { useEffect, useEffectEvent } from 'react';
import { create } from 'zustand';
import type { AppInfo, EventPayload } from '@shared/contract';
import { routeHashFor } from '@shared/links';
import { pageIds, type PageId } from '@shared/pages';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '../api';

type RateLimit = EventPayload<'codat.rateLimit'>;

export interface Route {
  page: PageId;
  /** On the Companies page: the company open in detail, if any. */
  companyId: string | null;
  /** In that company: a connection to point at (a deep link or a connection ID led here). */
  connectionId: string | null;
}

/** What a command asked of the page it opened, taken once by that page. */
export type PageRequest = { kind: 'newCompany' } | { kind: 'scan' } | { kind: 'auditForCompany'; company: string };

interface AppState {
  page: PageId;
  companyId: string | null;
  connectionId: string | null;
  /** Bumped by Ctrl/Cmd+K; the company search focuses itself when it changes. */
  searchFocusRequests: number;
  requestSearchFocus(): void;
  openCompany(companyId: string, connectionId?: string | null): void;
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
  /** Asks main whether Codat answers (free: no key, no quota); it probes unless it checked a moment ago. */
  checkConnectivity(): Promise<void>;
  dismissedNotices: string[];
  dismissNotice(notice: string): void;
  /** The command palette (Ctrl/Cmd+K) is open. */
  paletteOpen: boolean;
  openPalette(): void;
  closePalette(): void;
  /** A page's own title for the window (the open company's name); otherwise the page's label is used. */
  pageTitle: string | null;
  setPageTitle(title: string | null): void;
  pageRequest: PageRequest | null;
  /** Opens the page and leaves it a request ("start a scan"), which it takes when it is on screen. */
  request(page: PageId, request: PageRequest): void;
}

const companyIdPattern = /^[0-9A-Fa-f-]{36}$/;

/**
 * `#/health` -> Health; `#/companies/<id>` -> that company; `#/companies/<id>/connections/<id>` -> that company,
 * pointing at the connection; anything else -> Companies.
 */
export function routeFromHash(hash: string): Route {
  const [first = '', second = '', third = '', fourth = ''] = hash.replace(/^#\/?/, '').split('/');
  const page = (pageIds as readonly string[]).includes(first) ? (first as PageId) : 'companies';
  const companyId = page === 'companies' && companyIdPattern.test(second) ? second.toLowerCase() : null;
  const connectionId =
    companyId && third === 'connections' && companyIdPattern.test(fourth) ? fourth.toLowerCase() : null;
  return { page, companyId, connectionId };
}

export const useAppStore = create<AppState>()((set) => ({
  ...routeFromHash(window.location.hash),
  searchFocusRequests: 0,
  requestSearchFocus: () => set((state) => ({ searchFocusRequests: state.searchFocusRequests + 1 })),
  openCompany(companyId, connectionId = null) {
    const hash = routeHashFor({ companyId, connectionId });
    if (window.location.hash !== hash) window.location.hash = hash;
    set({ page: 'companies', companyId, connectionId });
  },
  info: null,
  infoError: null,
  online: navigator.onLine,
  rateLimit: null,
  navigate(page) {
    if (window.location.hash !== `#/${page}`) window.location.hash = `#/${page}`;
    set({ page, companyId: null, connectionId: null });
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
  async checkConnectivity() {
    const result = await linkdesk.codat.checkConnectivity();
    if (result.ok && result.value.online !== null) set({ online: result.value.online });
  },
  dismissedNotices: [],
  dismissNotice: (notice) => set((state) => ({ dismissedNotices: [...state.dismissedNotices, notice] })),
  paletteOpen: false,
  openPalette: () => set({ paletteOpen: true }),
  closePalette: () => set({ paletteOpen: false }),
  pageTitle: null,
  setPageTitle: (pageTitle) => set({ pageTitle }),
  pageRequest: null,
  request(page, pageRequest) {
    if (window.location.hash !== `#/${page}`) window.location.hash = `#/${page}`;
    set({ page, companyId: null, pageRequest });
  },
}));

/** Runs `onRequest` once for each request of this kind left for the calling page. */
export function usePageRequest<K extends PageRequest['kind']>(
  kind: K,
  onRequest: (request: Extract<PageRequest, { kind: K }>) => void,
) {
  const pending = useAppStore((state) => (state.pageRequest?.kind === kind ? state.pageRequest : null));
  const take = useEffectEvent((request: Extract<PageRequest, { kind: K }>) => onRequest(request));
  useEffect(() => {
    if (!pending) return;
    useAppStore.setState({ pageRequest: null });
    take(pending as Extract<PageRequest, { kind: K }>);
  }, [pending]);
}

/** Training, Test or Production. */
export type Environment = NonNullable<AppInfo['activeProfile']>['environment'];

/** The active profile's environment (Training until main has said): Production changes how actions are worded. */
export function useEnvironment(): Environment {
  return useAppStore((state) => state.info?.activeProfile?.environment ?? 'training');
}
