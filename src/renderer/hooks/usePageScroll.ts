import { useLayoutEffect, useRef, useState } from 'react';

/**
 * For a virtualised list that scrolls with the page (no nested scrollbar): the element that scrolls, and how far
 * down it the list starts. Re-measured when content above the list changes size or the page scrolls.
 */
export function usePageScroll<T extends HTMLElement>(containerSelector: string) {
  const listRef = useRef<T>(null);
  const [scrollElement, setScrollElement] = useState<HTMLElement | null>(null);
  const [scrollMargin, setScrollMargin] = useState(0);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const scroller = scrollParentOf(list);
    setScrollElement(scroller);
    const measure = () => {
      const offset = list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
      setScrollMargin((previous) => (Math.abs(previous - offset) < 0.5 ? previous : offset));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(list.closest(containerSelector) ?? scroller);
    scroller.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      scroller.removeEventListener('scroll', measure);
    };
  }, [containerSelector]);

  return { listRef, scrollElement, scrollMargin };
}

function scrollParentOf(element: HTMLElement): HTMLElement {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return (document.scrollingElement as HTMLElement | null) ?? document.documentElement;
}
