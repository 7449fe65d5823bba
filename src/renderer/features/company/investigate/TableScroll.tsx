import { useCallback, useState, type ReactNode } from 'react';

/**
 * A table that may be wider than its card in a narrow window: it scrolls sideways inside this labelled region
 * rather than being cut off, and the region takes a Tab stop only while it scrolls (so the keyboard can scroll it).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const [overflows, setOverflows] = useState(false);
  const ref = useCallback((element: HTMLDivElement | null) => {
    if (!element) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    const table = element.firstElementChild;
    if (table) observer.observe(table);
    measure();
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="table-scroll" role="region" aria-label={label} tabIndex={overflows ? 0 : undefined}>
      {children}
    </div>
  );
}
