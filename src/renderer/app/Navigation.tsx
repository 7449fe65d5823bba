import { useId, type KeyboardEvent } from 'react';
import { pages, type PageId } from '@shared/pages';
import { isMac } from '@renderer/lib/platform';
import { shortcuts } from '@renderer/lib/shortcuts';
import { useAppStore } from '@renderer/stores/app-store';
import { FollowUpsCount } from '../features/followups/FollowUpsCount';
import { InboxCount } from '../features/inbox/InboxCount';

const icons: Record<PageId, string> = {
  companies: 'M4 21V5a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v16M16 9h2a2 2 0 0 1 2 2v10M2 21h20M8 7h4M8 11h4M8 15h4',
  followups: 'M12 7v5l3 2M21 12a9 9 0 1 1-9-9M21 3v6h-6',
  inbox:
    'M22 12h-6l-2 3h-4l-2-3H2M5.5 5.1 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.5-6.9A2 2 0 0 0 16.8 4H7.2a2 2 0 0 0-1.7 1.1z',
  health: 'M3 12h4l3-8 4 16 3-8h4',
  integrations:
    'M9 3H5a2 2 0 0 0-2 2v4h6zM21 9V5a2 2 0 0 0-2-2h-4v6zM3 15v4a2 2 0 0 0 2 2h4v-6zM15 21h4a2 2 0 0 0 2-2v-4h-6z',
  audit:
    'M9 5H7a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-2M9 5a2 2 0 0 0 2 2h2a2 2 0 0 0 2-2M9 5a2 2 0 0 1 2-2h2a2 2 0 0 1 2 2M9 12h6M9 16h6',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 12h2M3 12h2M12 3v2M12 19v2M17 7l1.4-1.4M5.6 18.4 7 17M17 17l1.4 1.4M5.6 5.6 7 7',
};

/** Links, so Tab, Enter and the browser's own affordances work; arrow keys move between them too. */
export function Navigation({ current }: { current: PageId }) {
  const moveFocus = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = Array.from(event.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-page]'));
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (index === -1) return;
    event.preventDefault();
    const next = (index + (event.key === 'ArrowDown' ? 1 : -1) + links.length) % links.length;
    links[next]?.focus();
  };
  const modifier = isMac ? '⌘' : 'Ctrl+';
  const followUpsCountId = useId();
  const inboxCountId = useId();
  const countIds: Partial<Record<PageId, string>> = { followups: followUpsCountId, inbox: inboxCountId };
  return (
    <nav className="app-nav" aria-label="Main" onKeyDown={moveFocus}>
      <div className="app-brand" aria-hidden="true">
        <span className="app-brand-mark">L</span>
        <span>Linkdesk</span>
      </div>
      <ul>
        {pages.map((page, index) => (
          <li key={page.id}>
            <a
              href={`#/${page.id}`}
              data-page={page.id}
              aria-current={page.id === current ? 'page' : undefined}
              aria-keyshortcuts={`${isMac ? 'Meta' : 'Control'}+${index + 1}`}
              title={`${page.label} (${modifier}${index + 1})`}
              aria-describedby={countIds[page.id]}
            >
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
                <path d={icons[page.id]} />
              </svg>
              <span>{page.label}</span>
              {page.id === 'followups' && <FollowUpsCount descriptionId={followUpsCountId} />}
              {page.id === 'inbox' && <InboxCount descriptionId={inboxCountId} />}
            </a>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="nav-palette"
        onClick={() => useAppStore.getState().openPalette()}
        aria-keyshortcuts={shortcuts.palette.aria}
        title={`Find a company, a page or an action (${shortcuts.palette.label})`}
      >
        {/* A narrow navigation shows only this (the name stays for screen readers and in the tooltip). */}
        <svg
          className="nav-palette-icon"
          viewBox="0 0 24 24"
          width="18"
          height="18"
          aria-hidden="true"
          focusable="false"
        >
          <path d="M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM21 21l-5-5" />
        </svg>
        <span>Command palette</span>
        <kbd aria-hidden="true">{shortcuts.palette.label}</kbd>
      </button>
    </nav>
  );
}
