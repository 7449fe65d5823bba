/** Remembers the main window's size and position, and never restores it off-screen. */
export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface SavedWindowState {
  bounds: WindowBounds;
  maximized: boolean;
}

export interface WindowStateStore {
  load(): SavedWindowState | undefined;
  save(state: SavedWindowState): void;
}

export const defaultWindowSize = { width: 1280, height: 820 } as const;
export const minimumWindowSize = { width: 960, height: 600 } as const;

/** Keeps saved bounds only if enough of the window lands on a display that exists now. */
export function restorableBounds(
  saved: SavedWindowState | undefined,
  workAreas: readonly WindowBounds[],
): WindowBounds | undefined {
  if (!saved) return undefined;
  const { bounds } = saved;
  if (![bounds.x, bounds.y, bounds.width, bounds.height].every(Number.isFinite)) return undefined;
  const width = Math.max(bounds.width, minimumWindowSize.width);
  const height = Math.max(bounds.height, minimumWindowSize.height);
  const visible = workAreas.some((area) => {
    const overlapX = Math.min(bounds.x + width, area.x + area.width) - Math.max(bounds.x, area.x);
    const overlapY = Math.min(bounds.y + height, area.y + area.height) - Math.max(bounds.y, area.y);
    return overlapX >= 100 && overlapY >= 100;
  });
  return visible ? { x: bounds.x, y: bounds.y, width, height } : undefined;
}
