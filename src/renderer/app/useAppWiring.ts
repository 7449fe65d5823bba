import { useEffect } from 'react';
import { pages, type PageId } from '@shared/pages';
import { linkdesk } from '../api';
import { shortcuts, singleKeyAllowed } from '../lib/shortcuts';
import { routeFromHash, useAppStore } from '../stores/app-store';
import { commandForKey } from '../stores/commands';

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
      if (command) {
        event.preventDefault();
        if (command === 'palette') openPalette();
        else goTo(command);
        return;
      }
      // A single key (C, L, I) runs the step it names on the screen on show, never while typing.
      if (!singleKeyAllowed(event)) return;
      const single = commandForKey(event.key);
      if (!single) return;
      event.preventDefault();
      single.run();
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    window.addEventListener('keydown', onKey);
    const unsubscribers = [
      linkdesk.on('ui.command', (command) => {
        if (command.command === 'navigate') goTo(command.page);
        else if (command.command === 'openPalette') openPalette();
        else focusSearch();
      }),
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
      useAppStore.getState().closePalette();
      navigate(page);
      document.getElementById('main-content')?.focus();
    }
    function openPalette() {
      useAppStore.getState().openPalette();
    }
    /** Company search from anywhere: the Companies page, its search box focused. */
    function focusSearch() {
      const state = useAppStore.getState();
      if (state.page !== 'companies') navigate('companies');
      state.requestSearchFocus();
    }
  }, [navigate, setOnline, setRateLimit, refreshInfo]);
}

/** Ctrl/Cmd+K opens the command palette, from anywhere (dialogs included); Ctrl/Cmd+1…7 open the pages in order. */
function shortcutFor(event: KeyboardEvent): PageId | 'palette' | null {
  if (shortcuts.palette.matches(event)) return 'palette';
  return pages.find((_, index) => shortcuts.page(index + 1).matches(event))?.id ?? null;
}
