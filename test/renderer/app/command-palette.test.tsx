/**
 * The command palette and the single-key shortcuts, as a keyboard user meets them: the real host, palette and
 * wiring in a DOM, with only the bridge (`@renderer/api`) replaced.
 */
import { act, render, screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect, useRef, useState } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Company } from '@shared/codat/schemas';
import type { AppInfo } from '@shared/contract';
import { linkdesk } from '@renderer/api';
import { CommandPaletteHost } from '@renderer/app/CommandPaletteHost';
import { useAppWiring } from '@renderer/app/useAppWiring';
import { useAppStore } from '@renderer/stores/app-store';
import { useCommands } from '@renderer/stores/commands';

vi.mock('@renderer/api', () => ({
  hostBridge: 'http',
  linkdesk: {
    on: vi.fn(() => () => {}),
    app: { info: vi.fn() },
    codat: { checkConnectivity: vi.fn() },
    companies: { search: vi.fn() },
    profiles: { list: vi.fn(), activate: vi.fn() },
  },
}));

const search = vi.mocked(linkdesk.companies.search);

const company = (id: string, name: string): Company => ({ id, name, redirect: `https://link.example/${id}` });
const harbour = company('0b7c1a2d-3e4f-4a5b-9c6d-7e8f9a0b1c2d', 'Harbour Bakery');
const northgate = company('1c8d2b3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e', 'Northgate Dental');
const info: AppInfo = {
  name: 'Linkdesk',
  version: '0.0.0-test',
  platform: 'linux',
  host: 'web',
  activeProfile: { id: 'profile-1', name: 'Main', environment: 'training' },
  secretStorage: { osKeychain: false, level: 'session_only', explanation: 'Session only.' },
  notices: [],
  audit: { pending: 0, problem: null },
};

beforeAll(async () => {
  // Loaded lazily by the app; loaded here first so that a busy machine's first import is not a test's wait.
  await import('@renderer/features/palette/CommandPalette');
  // What jsdom lacks and cmdk uses: a resize observer for the list height, and scrolling the chosen row into view.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  Element.prototype.scrollIntoView ??= function scrollIntoView() {};
});

beforeEach(() => {
  vi.mocked(linkdesk.app.info).mockResolvedValue({ ok: true, value: info });
  vi.mocked(linkdesk.codat.checkConnectivity).mockResolvedValue({ ok: true, value: { online: true } } as never);
  vi.mocked(linkdesk.profiles.list).mockResolvedValue({
    ok: true,
    value: {
      activeId: 'profile-1',
      profiles: [
        { id: 'profile-1', name: 'Main', environment: 'training' },
        { id: 'profile-2', name: 'Acme production', environment: 'production' },
      ],
    },
  } as never);
  search.mockImplementation(async ({ text, tag }) => {
    const results = tag ? [northgate] : [harbour, northgate].filter((c) => c.name.toLowerCase().includes(text));
    return {
      ok: true,
      value: {
        results,
        totalResults: results.length,
        page: 1,
        pageSize: 20,
        byId: false,
        unreadable: 0,
        connectionId: null,
        loose: false,
        suggestions: [],
      },
    };
  });
  window.localStorage.clear();
  useAppStore.setState({ info, paletteOpen: false, page: 'companies', companyId: null });
});
afterEach(() => {
  window.location.hash = '';
});

/** A company screen: a button that had the focus, a field, and the commands it offers (C connects). */
function CompanyScreen({ onConnect, onCopyLink }: { onConnect(): void; onCopyLink(): void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  useCommands([
    { id: 'connect', label: 'Connect platform…', group: 'This company', key: 'c', run: onConnect },
    { id: 'connect:xero', label: 'Connect Xero…', group: 'This company', searchOnly: true, run: onConnect },
    { id: 'copy-link', label: 'Copy link', group: 'Hand-over', key: 'l', run: onCopyLink },
  ]);
  const [dialog, setDialog] = useState(false);
  return (
    <>
      <button ref={ref} type="button" onClick={() => setDialog(true)}>
        Show a dialog
      </button>
      <label>
        Note <input />
      </label>
      {dialog && <dialog open aria-label="Some dialog" />}
    </>
  );
}

function Wired(props: { onConnect(): void; onCopyLink(): void }) {
  useAppWiring();
  return (
    <>
      <CompanyScreen {...props} />
      <CommandPaletteHost />
    </>
  );
}

function renderApp() {
  const onConnect = vi.fn();
  const onCopyLink = vi.fn();
  render(<Wired onConnect={onConnect} onCopyLink={onCopyLink} />);
  return { onConnect, onCopyLink, user: userEvent.setup() };
}

async function openPalette(user: ReturnType<typeof userEvent.setup>) {
  await user.keyboard('{Control>}k{/Control}');
  const dialog = await screen.findByRole('dialog', { name: 'Command palette' });
  return { dialog, input: within(dialog).getByRole('combobox', { name: 'Command' }) };
}

describe('the command palette', () => {
  it('opens on Ctrl+K over the screen, lists its commands with their keys, and closes back to where focus was', async () => {
    const { user } = renderApp();
    const opener = screen.getByRole('button', { name: 'Show a dialog' });
    expect(document.activeElement).toBe(opener);

    const { dialog, input } = await openPalette(user);
    expect(document.activeElement).toBe(input);
    // The profiles arrive a moment later (the list re-renders): wait for them before reading the list.
    await waitFor(() =>
      expect(within(dialog).getByRole('option', { name: 'Switch profile to Acme production' })).toBeTruthy(),
    );
    const copyLink = within(dialog).getByRole('option', { name: 'Copy link' });
    expect(copyLink.getAttribute('aria-keyshortcuts')).toBe('L');
    expect(copyLink.textContent).toContain('L');
    // The hand-over's steps come first, then the company's, then the app's.
    const names = within(dialog)
      .getAllByRole('option')
      .map((option) => option.querySelector('.palette-label')?.textContent);
    expect(names.slice(0, 2)).toEqual(['Copy link', 'Connect platform…']);
    expect(names).toEqual(expect.arrayContaining(['New company', 'Scan all companies', 'Open settings']));
    // One per platform would bury the rest: they wait for typing.
    expect(names).not.toContain('Connect Xero…');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('runs the chosen command after it has closed', async () => {
    const { user, onConnect } = renderApp();
    await openPalette(user);
    await user.keyboard('xero');
    expect(screen.getByRole('option', { name: 'Connect Xero…' })).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
    expect(onConnect).toHaveBeenCalledTimes(1);
  });

  it('finds companies through the bridge for what was typed, and opens the one chosen', async () => {
    const { user } = renderApp();
    const { dialog } = await openPalette(user);
    await user.keyboard('harb');
    const option = await within(dialog).findByRole('option', { name: 'Harbour Bakery' });
    // Debounced: a slow typist may see a search for part of the word, but the list is for the whole of it.
    expect(search).toHaveBeenLastCalledWith({ text: 'harb', page: 1, pageSize: 20, box: 'palette' });
    expect(option.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    expect(useAppStore.getState().companyId).toBe(harbour.id);

    // Now recent: the first thing offered when the box is empty.
    await openPalette(user);
    const first = screen.getAllByRole('option')[0];
    expect(first?.querySelector('.palette-label')?.textContent).toBe('Harbour Bakery');
  });

  it('reads region=uk as a tag filter for Codat', async () => {
    const { user } = renderApp();
    const { dialog } = await openPalette(user);
    await user.keyboard('region=uk');
    await within(dialog).findByRole('option', { name: 'Northgate Dental' });
    expect(search).toHaveBeenLastCalledWith({
      text: '',
      tag: { key: 'region', value: 'uk' },
      page: 1,
      pageSize: 20,
      box: 'palette',
    });
  });
});

describe('single-key shortcuts', () => {
  it('run the step they name, but never while typing, with a modifier, or with a dialog open', async () => {
    const { user, onConnect, onCopyLink } = renderApp();
    await user.keyboard('c');
    expect(onConnect).toHaveBeenCalledTimes(1);
    await user.keyboard('l');
    expect(onCopyLink).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole('textbox', { name: 'Note' }));
    await user.keyboard('clic');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Note' }).value).toBe('clic');
    expect(onConnect).toHaveBeenCalledTimes(1);

    // No dialog yet, the keyboard on a button: with any modifier held, the keys are not the shortcuts.
    act(() => screen.getByRole('button', { name: 'Show a dialog' }).focus());
    for (const modifier of ['Shift', 'Alt', 'Control', 'Meta']) await user.keyboard(`{${modifier}>}cl{/${modifier}}`);
    expect(onConnect).toHaveBeenCalledTimes(1);
    expect(onCopyLink).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole('button', { name: 'Show a dialog' }));
    act(() => screen.getByRole('button', { name: 'Show a dialog' }).focus());
    await user.keyboard('cl');
    expect(screen.getByRole('dialog', { name: 'Some dialog' })).toBeTruthy();
    expect(onConnect).toHaveBeenCalledTimes(1);
    expect(onCopyLink).toHaveBeenCalledTimes(1);
  });

  it('do nothing while the palette is open: the letters go into its box', async () => {
    const { user, onConnect } = renderApp();
    const { input } = await openPalette(user);
    await user.keyboard('c');
    expect((input as HTMLInputElement).value).toBe('c');
    expect(onConnect).not.toHaveBeenCalled();
  });
});
