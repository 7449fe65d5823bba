/**
 * The commands the screens on show offer right now ("Copy link" while a link is handed over, "Unlink Xero…" on a
 * Linked connection), for the command palette and the single-key shortcuts. A screen registers its commands while
 * it is mounted; they are read when asked for (the palette opening, a key pressed), so registering costs nothing
 * while the user just works.
 */
import { useEffect, useRef } from 'react';

export interface Command {
  /** Unique among the commands on show; stable while the command means the same thing. */
  id: string;
  /** What the palette shows, and the option's accessible name. */
  label: string;
  /** The palette's heading for it ("This company", "Hand-over"). */
  group: string;
  /** Further words that find it ("email" for "Send invite"). */
  keywords?: readonly string[];
  /** A key that runs it on its own, with no modifier and never while typing (see `singleKeyAllowed`). */
  key?: string;
  /** Shown beside it in the palette ("Ctrl+N"), for commands with a chord of their own. */
  shortcut?: string;
  /** Where it stands in its group, lower first (screens register in no useful order); 50 when not given. */
  rank?: number;
  /** Only listed once something is typed (one per platform would bury the rest). */
  searchOnly?: boolean;
  /** Listed, but cannot run now: why. */
  disabledReason?: string;
  run(): void;
}

type Source = () => readonly Command[];
const sources = new Set<Source>();

/** Every command offered now, in the order the screens registered them (outer screens first). */
export function currentCommands(): Command[] {
  return [...sources].flatMap((source) => source());
}

/** The command a single key runs now, if any. */
export function commandForKey(key: string): Command | undefined {
  const wanted = key.toLowerCase();
  return currentCommands().find((command) => command.key === wanted && !command.disabledReason);
}

/** Offers these commands while the calling component is mounted (the latest list each time they are read). */
export function useCommands(commands: readonly Command[]) {
  const latest = useRef(commands);
  useEffect(() => {
    latest.current = commands;
  });
  useEffect(() => {
    const source: Source = () => latest.current;
    sources.add(source);
    return () => {
      sources.delete(source);
    };
  }, []);
}
