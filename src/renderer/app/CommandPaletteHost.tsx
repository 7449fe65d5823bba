/**
 * Where the command palette meets the app: it is a chunk of its own (React.lazy keeps it out of the first load),
 * fetched once the app is idle so that Ctrl/Cmd+K opens it at once; it gets the screen's commands and the app's
 * own, and runs the chosen one once it has closed, so focus lands where the command puts it rather than back on
 * whatever opened the palette.
 */
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState, type ComponentType } from 'react';
import { pages } from '@shared/pages';
import { useRecentCompanies } from '@renderer/features/company-list/recent-companies';
import type { CommandPaletteProps } from '@renderer/features/palette/CommandPalette';
import { shortcuts } from '@renderer/lib/shortcuts';
import { useAppStore } from '@renderer/stores/app-store';
import { currentCommands, useCurrentCommands, type Command } from '@renderer/stores/commands';
import { useProfilesStore } from '@renderer/stores/profiles-store';

let loadedPalette: ComponentType<CommandPaletteProps> | null = null;
const loadPalette = () =>
  import('@renderer/features/palette/CommandPalette').then((module) => {
    loadedPalette = module.default;
    return module;
  });
const LazyPalette = lazy(loadPalette);

export function CommandPaletteHost() {
  const open = useAppStore((state) => state.paletteOpen);
  const listing = useProfilesStore((state) => state.listing);
  const screenCommands = useCurrentCommands();
  const { recent, remember } = useRecentCompanies();
  const opener = useRef<HTMLElement | null>(null);
  /** The command chosen, run after the palette has gone. */
  const [chosen, setChosen] = useState<{ run(): void } | null>(null);
  /** Letters typed between Ctrl/Cmd+K and the palette's box being there (its first opening, on a slow machine). */
  const [typedEarly, setTypedEarly] = useState('');
  const [, setLoaded] = useState(false);

  // Fetched while nothing else is going on, so the first Ctrl/Cmd+K does not wait for the network.
  useEffect(() => {
    const fetchPalette = () => void loadPalette().then(() => setLoaded(true));
    if ('requestIdleCallback' in window) {
      const id = window.requestIdleCallback(fetchPalette, { timeout: 3000 });
      return () => window.cancelIdleCallback(id);
    }
    const timer = setTimeout(fetchPalette, 1000);
    return () => clearTimeout(timer);
  }, []);

  // Before the palette takes focus: what had it.
  useLayoutEffect(() => {
    if (!open) return;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!useProfilesStore.getState().listing) void useProfilesStore.getState().load();
  }, [open]);

  // Until the palette's box is there, what is typed is kept for it (and kept from the page's own keys).
  useEffect(() => {
    if (!open || loadedPalette) return;
    const onKey = (event: KeyboardEvent) => {
      if (loadedPalette || event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      setTypedEarly((text) => text + event.key);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);

  useEffect(() => {
    if (!chosen || open) return;
    setChosen(null);
    chosen.run();
  }, [chosen, open]);

  const close = () => {
    setTypedEarly('');
    useAppStore.getState().closePalette();
  };
  const runAfterClose = (run: () => void) => {
    setChosen({ run });
    close();
  };

  if (!open) return null;
  const Palette = loadedPalette ?? LazyPalette;
  return (
    <Suspense fallback={null}>
      <Palette
        initialText={typedEarly}
        commands={[...screenCommands, ...appCommands(listing)]}
        recent={recent}
        onOpenCompany={(company) =>
          runAfterClose(() => {
            remember(company);
            useAppStore.getState().openCompany(company.id);
          })
        }
        // The screen's latest version of the command: its state may have moved on while the palette was open.
        onRun={(command) =>
          runAfterClose(() => (currentCommands().find((latest) => latest.id === command.id) ?? command).run())
        }
        onClose={close}
        returnFocusTo={opener}
      />
    </Suspense>
  );
}

/** What can be done from anywhere: start a new company, scan, switch profile, and go to each page. */
function appCommands(listing: ReturnType<typeof useProfilesStore.getState>['listing']): Command[] {
  const { request, navigate } = useAppStore.getState();
  const goTo = (page: (typeof pages)[number]['id']) => () => {
    navigate(page);
    document.getElementById('main-content')?.focus();
  };
  const profiles = listing?.profiles.filter((profile) => profile.id !== listing.activeId) ?? [];
  return [
    {
      id: 'new-company',
      label: 'New company',
      group: 'Actions',
      keywords: ['create', 'customer', 'add'],
      shortcut: shortcuts.newCompany.label,
      run: () => request('companies', { kind: 'newCompany' }),
    },
    {
      id: 'scan',
      label: 'Scan all companies',
      group: 'Actions',
      keywords: ['health', 'check'],
      run: () => request('health', { kind: 'scan' }),
    },
    ...profiles.map((profile): Command => ({
      id: `profile:${profile.id}`,
      label: `Switch profile to ${profile.name}`,
      group: 'Actions',
      keywords: ['environment', profile.environment],
      run: () => void useProfilesStore.getState().activate(profile.id),
    })),
    ...pages.map((page, index): Command => ({
      id: `page:${page.id}`,
      label: page.id === 'settings' ? 'Open settings' : page.label,
      group: 'Go to',
      keywords: page.id === 'settings' ? ['profiles', 'preferences'] : ['page', 'open'],
      shortcut: shortcuts.page(index + 1).label,
      run: goTo(page.id),
    })),
  ];
}
