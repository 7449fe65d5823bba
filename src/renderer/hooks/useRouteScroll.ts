import { useEffect, useLayoutEffect } from 'react';

/** What this hook keeps in a history entry's state: which saved position is the entry's, and for which route. */
interface ScrollEntry {
  linkdeskScroll: string;
  route: string;
}

/** Where each history entry was scrolled to, by entry (for this window's life: a reload starts at the top). */
const positions = new Map<string, number>();
let current: ScrollEntry | null = null;
/** Bounds the map for a long session: the oldest entries are the least likely to be gone back to. */
const maxEntries = 200;
let entriesMade = 0;

function entryOf(state: unknown): ScrollEntry | null {
  if (typeof state !== 'object' || state === null) return null;
  const { linkdeskScroll, route } = state as Partial<ScrollEntry>;
  return typeof linkdeskScroll === 'string' && typeof route === 'string' ? { linkdeskScroll, route } : null;
}

/**
 * Every page scrolls in the one main area, so without this a new page (or another company) would open wherever
 * the last one was scrolled to. A route reached by a new history entry opens at the top; one reached by Back or
 * Forward returns to where the user left it, held there while its content arrives (a company is read first)
 * until the user scrolls themselves.
 */
export function useRouteScroll(route: string, scrollerId: string) {
  useEffect(() => {
    const scroller = document.getElementById(scrollerId);
    if (!scroller) return;
    const remember = () => {
      if (current) positions.set(current.linkdeskScroll, scroller.scrollTop);
    };
    scroller.addEventListener('scroll', remember, { passive: true });
    // Scroll events arrive a frame late: a route change right after a scroll would otherwise leave the page's last
    // position unsaved. Capture listeners on window run before the app's own hashchange listener re-renders.
    window.addEventListener('hashchange', remember, true);
    window.addEventListener('popstate', remember, true);
    return () => {
      scroller.removeEventListener('scroll', remember);
      window.removeEventListener('hashchange', remember, true);
      window.removeEventListener('popstate', remember, true);
    };
  }, [scrollerId]);

  useLayoutEffect(() => {
    const scroller = document.getElementById(scrollerId);
    if (!scroller) return;
    const saved = entryOf(window.history.state);
    const revisited = saved !== null && saved.route === route && positions.has(saved.linkdeskScroll);
    const entry: ScrollEntry = revisited
      ? saved
      : { linkdeskScroll: `${performance.timeOrigin}:${++entriesMade}`, route };
    if (!revisited) {
      const state: unknown = window.history.state;
      window.history.replaceState({ ...(typeof state === 'object' ? state : {}), ...entry }, '');
      positions.set(entry.linkdeskScroll, 0);
      if (positions.size > maxEntries) positions.delete(positions.keys().next().value as string);
    }
    current = entry;
    const target = positions.get(entry.linkdeskScroll) ?? 0;
    scroller.scrollTop = target;
    if (target === 0 || Math.abs(scroller.scrollTop - target) <= 1) return;

    // Back to a page whose content is still arriving (a company is read first, a skeleton stands in): the page is
    // too short for the position yet, and the browser clamped it. Set it again each time the page grows, until it
    // holds, the user scrolls or types, or the route changes. (Not from scroll events: they arrive a frame late,
    // when the page may have grown already, and would read a clamp as someone else's scroll.)
    const userScrolls = ['wheel', 'keydown', 'pointerdown', 'touchstart'] as const;
    const observer = new ResizeObserver(() => {
      scroller.scrollTop = target;
      if (Math.abs(scroller.scrollTop - target) <= 1) stop();
    });
    for (const child of Array.from(scroller.children)) observer.observe(child);
    function stop() {
      observer.disconnect();
      for (const type of userScrolls) scroller?.removeEventListener(type, stop);
    }
    for (const type of userScrolls) scroller.addEventListener(type, stop, { passive: true });
    return stop;
  }, [route, scrollerId]);
}
