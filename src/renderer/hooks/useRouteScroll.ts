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
    return () => scroller.removeEventListener('scroll', remember);
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
    if (target === 0) return;

    // Back to a page whose content is still arriving (a company is read first, a skeleton stands in): its height
    // changes, and each change may clamp the position. Hold it at the target as the page changes, until the user
    // scrolls, something else scrolls it elsewhere (not a clamp: a position short of the end), or the route changes.
    const hold = () => {
      if (Math.abs(scroller.scrollTop - target) > 1) scroller.scrollTop = target;
    };
    const movedElsewhere = () => {
      const end = scroller.scrollHeight - scroller.clientHeight;
      if (Math.abs(scroller.scrollTop - target) > 1 && scroller.scrollTop < end - 1) stop();
    };
    const observer = new ResizeObserver(hold);
    for (const child of Array.from(scroller.children)) observer.observe(child);
    const userScrolls = ['wheel', 'keydown', 'pointerdown', 'touchstart'] as const;
    function stop() {
      observer.disconnect();
      scroller?.removeEventListener('scroll', movedElsewhere);
      for (const type of userScrolls) scroller?.removeEventListener(type, stop);
    }
    scroller.addEventListener('scroll', movedElsewhere, { passive: true });
    for (const type of userScrolls) scroller.addEventListener(type, stop, { passive: true });
    return stop;
  }, [route, scrollerId]);
}
