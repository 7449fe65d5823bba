/**
 * Hand-overs on disk, one file per profile (`<data>/followups/<profile>.json`), written atomically and durably.
 * A file that cannot be read is moved aside and reported; the hand-overs in it that can still be read are kept.
 * A write that fails keeps everything in memory, says so, and is tried again at the next change: no hand-over
 * is lost while the console runs. Bounded: what ended (or expired unused) goes after 90 days, and at most
 * `maxPerProfile` are kept.
 */
import { z } from 'zod';
import { handOverSchema, isHandOverDone, type HandOver } from '@shared/domain/handovers';
import { createProfileFileStore, type ParsedProfileFile } from '../storage/profile-file-store';

export const handOverLimits = { maxPerProfile: 5_000, keepDoneMs: 90 * 24 * 60 * 60 * 1000 } as const;

const fileSchema = z.object({
  version: z.literal(1),
  profileId: z.string(),
  // Each record is checked on its own: one unreadable record must not cost the others.
  handOvers: z.array(z.unknown()),
});

export interface HandOverStoreOptions {
  /** `<data folder>/followups` */
  directory: string;
  now(): number;
  /** Told, in plain words, about a file moved aside or a write that failed (else console.warn). */
  onProblem?(message: string): void;
  maxPerProfile?: number;
  keepDoneMs?: number;
}

export interface HandOverStore {
  /** The profile's hand-overs, oldest first (read from disk once, then from memory). */
  list(profileId: string): Promise<HandOver[]>;
  /** Changes the profile's hand-overs and saves them; changes are applied one after another. */
  update(profileId: string, change: (handOvers: HandOver[]) => HandOver[]): Promise<HandOver[]>;
  /** Why the last save failed, if the latest change is only in memory. */
  problem(): string | null;
}

export function createHandOverStore(options: HandOverStoreOptions): HandOverStore {
  const maxPerProfile = options.maxPerProfile ?? handOverLimits.maxPerProfile;
  const keepDoneMs = options.keepDoneMs ?? handOverLimits.keepDoneMs;

  function parse(json: unknown, profileId: string): ParsedProfileFile<HandOver[]> | null {
    const envelope = fileSchema.safeParse(json);
    if (!envelope.success) return null;
    const handOvers: HandOver[] = [];
    let unreadable = 0;
    for (const record of envelope.data.handOvers) {
      const parsed = handOverSchema.safeParse(record);
      if (parsed.success && parsed.data.profileId === profileId) handOvers.push(parsed.data);
      else unreadable += 1;
    }
    return {
      value: handOvers,
      unreadable: unreadable > 0 ? `${unreadable} unreadable hand-over(s)` : null,
      kept: handOvers.length,
    };
  }

  /**
   * What ended (or whose link expired unused) longer ago than the keep period goes — nothing shows it any more, and
   * Link completion looks back 12 weeks; beyond the limit, the oldest done first, then the oldest.
   */
  function prune(handOvers: HandOver[]): HandOver[] {
    const cutoff = options.now() - keepDoneMs;
    const endedLongAgo = (item: HandOver) =>
      item.state !== 'linked' && Date.parse(item.endedAt ?? item.link.expiresAt) < cutoff;
    let kept = handOvers.filter((item) => !endedLongAgo(item));
    if (kept.length <= maxPerProfile) return kept;
    let excess = kept.length - maxPerProfile;
    const dropped = new Set<HandOver>();
    for (const item of kept) {
      if (excess === 0) break;
      if (isHandOverDone(item)) {
        dropped.add(item);
        excess -= 1;
      }
    }
    kept = kept.filter((item) => !dropped.has(item));
    return kept.slice(kept.length - maxPerProfile);
  }

  const store = createProfileFileStore<HandOver[]>({
    directory: options.directory,
    now: options.now,
    onProblem: options.onProblem,
    wording: {
      logArea: 'followups',
      fileKind: 'follow-ups',
      records: 'hand-over(s)',
      notThisKind: 'not a follow-ups file',
      startsEmpty: 'follow-ups start empty for now',
      notSaved: (file, reason) =>
        `Linkdesk could not save its follow-ups to ${file} (${reason}). They are kept while it runs and saved at the next change.`,
    },
    empty: () => [],
    parse,
    serialise: (handOvers, profileId) => ({ version: 1, profileId, handOvers }),
    prune,
    copy: (handOvers) => [...handOvers],
  });

  return { list: store.read, update: store.update, problem: store.problem };
}
