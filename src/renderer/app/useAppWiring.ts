import { useEffect } from 'react';
import { pages, type PageId } from '@shared/pages';
import { linkdesk } from '../api';
import { routeFromHash, useAppStore } from '../stores/app-store';

/** Connects the store to the outside world: the URL hash, the host's events, app info, and shortcuts. */
export function useAppWiring() {
  const { navigate, setOnline, setRateLimit, refreshInfo } = useAppStore.getState();

  useEffect(() => {
    const onHash = () => useAppStore.setState(routeFromHash(window.location.hash));
    // Whether Codat answers, as main sees it (the browser's own online flag says nothing about Codat).
    const checkCodat = () => void useAppStore.getState().checkConnectivity();
    const onOnline = () => checkCodat();
    const onOffline = () => setOnline(false);
    const onKey = (event: KeyboardEvent) => {
      const command = shortcutFor(event);
      if (!command) return;
      event.preventDefault();
      if (command === 'search') focusSearch();
      else goTo(command);
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    window.addEventListener('keydown', onKey);
    const unsubscribers = [
      linkdesk.on('ui.command', (command) => (command.command === 'navigate' ? goTo(command.page) : focusSearch())),
      // A deep link only navigates: open the company (and point at the connection).
      linkdesk.on('app.navigate', ({ companyId, connectionId }) =>
        useAppStore.getState().openCompany(companyId, connectionId ?? null),
      ),
      linkdesk.on('codat.rateLimit', setRateLimit),
      linkdesk.on('codat.connectivity', ({ online }) => setOnline(online)),
      linkdesk.on('audit.status', (audit) =>
        useAppStore.setState((state) => (state.info ? { info: { ...state.info, audit } } : {})),
      ),
      linkdesk.on('profiles.changed', () => {
        // A new profile's figures are not the old one's.
        useAppStore.setState({ rateLimit: null });
        void refreshInfo();
        checkCodat();
      }),
    ];
    void refreshInfo();
    checkCodat();
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('keydown', onKey);
      unsubscribers.forEach((unsubscribe) => unsubscribe());
    };

    function goTo(page: PageId) {
      navigate(page);
      document.getElementById('main-content')?.focus();
    }
    /** Company search from anywhere: the Companies page, its search box focused (and the company kept open). */
    function focusSearch() {
      const state = useAppStore.getState();
      if (state.page !== 'companies') navigate('companies');
      state.requestSearchFocus();
    }
  }, [navigate, setOnline, setRateLimit, refreshInfo]);
}

/** Ctrl/Cmd+1…5 open the pages in navigation order; Ctrl/Cmd+K goes to company search. */
function shortcutFor(event: KeyboardEvent): PageId | 'search' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null;
  if (event.key.toLowerCase() === 'k') return 'search';
  const index = Number(event.key) - 1;
  return Number.isInteger(index) && index >= 0 && index < pages.length ? (pages[index]?.id ?? null) : null;
}
