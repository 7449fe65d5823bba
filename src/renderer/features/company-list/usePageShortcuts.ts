/**
 * The Companies page's keys from anywhere on it: Alt+1…8 reopen a recent company, Ctrl/Cmd+N (Alt+N in a browser,
 * which keeps Ctrl/Cmd+N for a new window) starts a new one, and typing with nothing focused goes to the search
 * box, so the first keystroke is never lost.
 */
import { useEffect, useEffectEvent, type RefObject } from 'react';
import { shortcuts } from '@renderer/lib/shortcuts';
import type { RecentCompany } from './recent-companies';

interface PageShortcuts {
  /** The recent companies on show (none while a search is typed). */
  recent: readonly RecentCompany[];
  open(company: RecentCompany): void;
  openForm(): void;
  searchRef: RefObject<HTMLInputElement | null>;
}

export function usePageShortcuts({ recent, open, openForm, searchRef }: PageShortcuts) {
  const onWindowKeyDown = useEffectEvent((event: globalThis.KeyboardEvent) => {
    const target = event.target instanceof Element ? event.target : null;
    const inForm = target !== null && target.closest('.new-company-form') !== null;
    // Alt+1…8: by physical key, since Option+digit types a symbol on a Mac.
    const digit = /^Digit([1-8])$/.exec(event.code)?.[1];
    if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && digit && !inForm) {
      const company = recent[Number(digit) - 1];
      if (company) {
        event.preventDefault();
        open(company);
      }
      return;
    }
    if (shortcuts.newCompany.matches(event)) {
      event.preventDefault();
      openForm();
      return;
    }
    // Typing with nothing focused goes to the search box, so the first keystroke is never lost.
    const nothingFocused = target === document.body || target?.id === 'main-content';
    if (
      nothingFocused &&
      event.key.length === 1 &&
      event.key !== ' ' &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey
    ) {
      searchRef.current?.focus();
    }
  });
  useEffect(() => {
    const listener = (event: globalThis.KeyboardEvent) => onWindowKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
