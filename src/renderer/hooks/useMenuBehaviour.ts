/**
 * What every menu button's menu does (the ARIA menu pattern): ↓ ↑ (wrapping) Home End move between its items, Escape
 * closes it and gives focus back, Tab closes it and moves on, and a press anywhere outside closes it. The menu's
 * owner keeps what differs: its items, what opens it, where focus goes back to.
 */
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

export function useMenuBehaviour(options: {
  open: boolean;
  /** The button and its menu: a press inside neither closes the menu. */
  containerRef: RefObject<HTMLElement | null>;
  itemRefs: RefObject<Array<HTMLElement | null>>;
  itemCount: number;
  /** Closes the menu; `returnFocus`: give focus back to where it came from (Escape), not left where it is. */
  close(returnFocus: boolean): void;
}): (event: KeyboardEvent<HTMLElement>) => void {
  const { open, containerRef, itemRefs, itemCount } = options;
  const close = useRef(options.close);
  close.current = options.close;

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) close.current(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, containerRef]);

  return (event) => {
    const current = itemRefs.current.findIndex((item) => item === document.activeElement);
    const last = itemCount - 1;
    const moveTo = (index: number) => {
      event.preventDefault();
      itemRefs.current[index]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return moveTo(current >= last ? 0 : current + 1);
      case 'ArrowUp':
        return moveTo(current <= 0 ? last : current - 1);
      case 'Home':
        return moveTo(0);
      case 'End':
        return moveTo(last);
      case 'Escape':
        // Only the menu closes, not a dialog or page beneath it.
        event.preventDefault();
        event.stopPropagation();
        return close.current(true);
      case 'Tab':
        // Tab leaves the menu for the next control, as from the button.
        return close.current(false);
    }
  };
}
