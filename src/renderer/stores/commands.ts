/**
 * The commands the screens on show offer right now ("Copy link" while a link is handed over, "Unlink Xero…" on a
 * Linked connection), for the command palette and the single-key shortcuts. A screen registers its commands while
 * it is mounted; listeners hear only when the list itself changes (a command added, renamed or refused), not on
 * every render, and a command's `run` is always its screen's latest.
 */
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';

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
let version = 0;
const listeners = new Set<() => void>();
function changed() {
  version += 1;
  listeners.forEach((listener) => listener());
}
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** What a command shows: when this changes, listeners are told. */
function signature(command: Command): string {
  const { id, label, group, key, shortcut, rank, searchOnly, disabledReason, keywords } = command;
  return JSON.stringify([id, label, group, key, shortcut, rank, searchOnly, disabledReason, keywords]);
}

/** Every command offered now, in the order the screens registered them (outer screens first). */
export function currentCommands(): Command[] {
  return [...sources].flatMap((source) => source());
}

/** The command a single key runs now, if any. */
export function commandForKey(key: string): Command | undefined {
  const wanted = key.toLowerCase();
  return currentCommands().find((command) => command.key === wanted && !command.disabledReason);
}

/** The commands offered now, kept up to date while the caller is mounted (the palette, while it is open). */
export function useCurrentCommands(): Command[] {
  const seen = useSyncExternalStore(subscribe, () => version);
  // Read again whenever the list changed (`seen` is its version).
  return useMemo(() => (seen >= 0 ? currentCommands() : []), [seen]);
}

/** Offers these commands while the calling component is mounted. */
export function useCommands(commands: readonly Command[]) {
  const latest = useRef(commands);
  const shown = commands.map(signature).join('\n');
  useEffect(() => {
    latest.current = commands;
  });
  useEffect(() => {
    const source: Source = () => latest.current;
    sources.add(source);
    return () => {
      sources.delete(source);
      changed();
    };
  }, []);
  useEffect(() => changed(), [shown]);
}
