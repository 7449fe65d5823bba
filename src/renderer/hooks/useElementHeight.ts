import { useCallback, useState } from 'react';

/**
 * An element's height, kept current as it changes: for a sticky bar that rows scrolled to by keyboard must land
 * below. Attach `ref` to the element; it is measured whenever it is in the page.
 */
export function useElementHeight<T extends HTMLElement>() {
  const [height, setHeight] = useState(0);
  const ref = useCallback((element: T | null) => {
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.offsetHeight));
    observer.observe(element);
    setHeight(element.offsetHeight);
    return () => observer.disconnect();
  }, []);
  return { ref, height };
}
