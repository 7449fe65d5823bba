import './StickyBar.css';
import type { ReactNode, Ref } from 'react';

/**
 * A toolbar that stays at the top of the page while the list under it scrolls, with a rule under it once rows pass
 * beneath. Its height (from `useElementHeight` on `ref`) tells the list where rows scrolled to by keyboard must land.
 */
export function StickyBar({
  className,
  ref,
  children,
}: {
  className: string;
  ref?: Ref<HTMLDivElement>;
  children: ReactNode;
}) {
  return (
    <div ref={ref} className={`sticky-bar ${className}`}>
      <div className="sticky-bar-inner">{children}</div>
    </div>
  );
}
