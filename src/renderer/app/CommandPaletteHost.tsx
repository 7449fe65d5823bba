/**
 * Where the command palette meets the app: it is loaded on first use (React.lazy, so the first screen does not
 * wait for it), gets the screen's commands and the app's own, and runs the chosen one once it has closed, so
 * focus lands where the command puts it rather than back on whatever opened the palette.
 */
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { pages } from '@shared/pages';
import { useRecentCompanies } from '@renderer/features/company-list/recent-companies';
import { shortcuts } from '@renderer/lib/shortcuts';
import { useAppStore } from '@renderer/stores/app-store';
import { currentCommands, type Command } from '@renderer/stores/commands';
import { useProfilesStore } from '@renderer/stores/profiles-store';

const CommandPalette = lazy(() => import('@renderer/features/palette/CommandPalette'));

export function CommandPaletteHost() {
  const open = useAppStore((state) => state.paletteOpen);
  const listing = useProfilesStore((state) => state.listing);
  const { recent, remember } = useRecentCompanies();
  const opener = useRef<HTMLElement | null>(null);
  const [screenCommands, setScreenCommands] = useState<Command[]>([]);
  /** The command chosen, run after the palette has gone. */
  const [chosen, setChosen] = useState<{ run(): void } | null>(null);

  // Before the palette takes focus: what had it, and what the screen offers now.
  useLayoutEffect(() => {
    if (!open) return;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setScreenCommands(currentCommands());
    if (!useProfilesStore.getState().listing) void useProfilesStore.getState().load();
  }, [open]);

  useEffect(() => {
    if (!chosen || open) return;
    setChosen(null);
    chosen.run();
  }, [chosen, open]);

  const close = () => useAppStore.getState().closePalette();
  const runAfterClose = (run: () => void) => {
    setChosen({ run });
    close();
  };

  return open ? (
    <Suspense fallback={null}>
      <CommandPalette
        commands={[...screenCommands, ...appCommands(listing)]}
        recent={recent}
        onOpenCompany={(company) =>
          runAfterClose(() => {
            remember(company);
            useAppStore.getState().openCompany(company.id);
          })
        }
        onRun={(command) => runAfterClose(command.run)}
        onClose={close}
        returnFocusTo={opener}
      />
    </Suspense>
  ) : null;
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
