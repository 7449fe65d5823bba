/**
 * Virtualised lists (@tanstack/react-virtual): only the rows near the viewport are rendered, each measured and
 * placed where the virtualiser says. The company results and the health issues scroll with the page; the audit
 * log scrolls in its own box.
 */
import { useVirtualizer, type Virtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { useEffect, useRef, type Key } from 'react';
import { usePageScroll } from './usePageScroll';

/** What a rendered row needs from the virtualiser (give it `key={row.key}` as well). */
export function placeVirtualRow<S extends Element | Window>(
  virtualizer: Virtualizer<S, Element>,
  row: VirtualItem,
  offset = 0,
) {
  return {
    ref: virtualizer.measureElement,
    'data-index': row.index,
    style: { transform: `translateY(${row.start - offset}px)` },
  };
}

interface PageVirtualRowsOptions {
  count: number;
  estimateSize(index: number): number;
  overscan: number;
  getItemKey(index: number): Key;
  /** The page section whose changes in size move the list (see usePageScroll). */
  containerSelector: string;
  /** Height of the sticky bar above the list, so rows scrolled to by keyboard never hide beneath it. */
  stickyOffset: number;
  /** Changes when the list is a new one (a new search, other filters): the page then scrolls back up. */
  generation: unknown;
  /** Back to the top of the page, or to the top of the list. */
  scrollBackTo: 'page' | 'list';
}

/** A virtualised list in the page's own scroll (no nested scrollbar). */
export function usePageVirtualRows<T extends HTMLElement>(options: PageVirtualRowsOptions) {
  const { count, estimateSize, overscan, getItemKey, stickyOffset, generation, scrollBackTo } = options;
  const { listRef, scrollElement, scrollMargin } = usePageScroll<T>(options.containerSelector);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollElement,
    estimateSize,
    overscan,
    scrollMargin,
    scrollPaddingStart: stickyOffset,
    getItemKey,
  });

  // A new list: do not leave the user looking at its middle (or past its end).
  const shownGeneration = useRef(generation);
  useEffect(() => {
    if (shownGeneration.current === generation) return;
    shownGeneration.current = generation;
    const listTop = scrollMargin - stickyOffset;
    if (scrollElement && scrollElement.scrollTop > listTop) {
      scrollElement.scrollTop = scrollBackTo === 'page' ? 0 : Math.max(0, listTop);
    }
  }, [generation, scrollElement, scrollMargin, stickyOffset, scrollBackTo]);

  return {
    listRef,
    virtualizer,
    rows: virtualizer.getVirtualItems(),
    totalSize: virtualizer.getTotalSize(),
    place: (row: VirtualItem) => placeVirtualRow(virtualizer, row, scrollMargin),
  };
}
