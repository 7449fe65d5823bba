/**
 * The console's keyboard shortcuts, as they are shown (labels, `aria-keyshortcuts`) and matched. The browser
 * console cannot use the chords a browser keeps for itself (Ctrl/Cmd+N opens a new window before the page hears
 * it), so there it offers Alt/Option+N instead; the desktop app keeps Ctrl/Cmd+N.
 */
import { hostBridge } from '@renderer/api';
import { isMac } from './platform';

export interface Shortcut {
  /** As shown to the user: "Ctrl+K", "⌘K", "Alt+N", "C". */
  label: string;
  /** For `aria-keyshortcuts`: "Control+K", "Meta+K", "Alt+N", "C". */
  aria: string;
  matches(event: KeyboardEvent): boolean;
}

const inBrowser = hostBridge === 'http';

/** Ctrl on Windows and Linux, Cmd on a Mac, plus a letter or digit. */
function commandChord(key: string): Shortcut {
  return {
    label: isMac ? `⌘${key.toUpperCase()}` : `Ctrl+${key.toUpperCase()}`,
    aria: `${isMac ? 'Meta' : 'Control'}+${key.toUpperCase()}`,
    matches: (event) =>
      (isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey) &&
      !event.altKey &&
      !event.shiftKey &&
      event.key.toLowerCase() === key.toLowerCase(),
  };
}

/** Alt (Option on a Mac) plus a letter, matched by physical key: Option+N types a character on a Mac. */
function altChord(letter: string): Shortcut {
  return {
    label: isMac ? `⌥${letter.toUpperCase()}` : `Alt+${letter.toUpperCase()}`,
    aria: `Alt+${letter.toUpperCase()}`,
    matches: (event) =>
      event.altKey &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.shiftKey &&
      event.code === `Key${letter.toUpperCase()}`,
  };
}

export const shortcuts = {
  /** The command palette, from anywhere. */
  palette: commandChord('k'),
  /** A new company: Ctrl/Cmd+N in the app, Alt/Option+N in a browser, which keeps Ctrl/Cmd+N for a new window. */
  newCompany: inBrowser ? altChord('n') : commandChord('n'),
  /** The pages in navigation order: Ctrl/Cmd+1…7. */
  page: (position: number) => commandChord(String(position)),
};

/** A single key on the page, shown as the key itself. */
export function singleKey(key: string): Shortcut {
  return {
    label: key.toUpperCase(),
    aria: key.toUpperCase(),
    matches: (event) => singleKeyAllowed(event) && event.key.toLowerCase() === key.toLowerCase(),
  };
}

/**
 * Whether a plain key press may run a single-key shortcut: no modifier, not held down, not part of typing
 * (focus in a field or a widget with type-ahead, or an input method composing), and no dialog open over the page.
 */
export function singleKeyAllowed(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return false;
  if (event.repeat || event.isComposing || event.defaultPrevented) return false;
  if (event.key.length !== 1) return false;
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])')) return false;
  // Widgets whose letters are their own (type-ahead in a menu or list).
  if (
    target?.closest(
      '[role="menu"], [role="menubar"], [role="listbox"], [role="combobox"], [role="grid"], [role="tree"]',
    )
  ) {
    return false;
  }
  if (target instanceof HTMLElement && target.isContentEditable) return false;
  return document.querySelector('dialog[open], [role="dialog"], [role="alertdialog"]') === null;
}

/** "Connect platform (C)": a button's tooltip with its shortcut. */
export function withShortcut(text: string, shortcut: Shortcut): string {
  return `${text} (${shortcut.label})`;
}
