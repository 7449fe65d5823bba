/**
 * Hand-overs on disk, one file per profile (`<data>/followups/<profile>.json`), written atomically and durably.
 * A file that cannot be read is moved aside and reported; the hand-overs in it that can still be read are kept.
 * A write that fails keeps everything in memory, says so, and is tried again at the next change: no hand-over
 * is lost while the console runs. Bounded: what ended (or expired unused) goes after 90 days, and at most
 * `maxPerProfile` are kept.
 */
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { handOverSchema, isHandOverDone, type HandOver } from '@shared/domain/handovers';
import { fileErrorReason, safeFileSegment, writeFileDurably } from '../durable-file';

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
  const loaded = new Map<string, Promise<HandOver[]>>();
  /** Per profile, the chain of changes, so that two never interleave. */
  const queues = new Map<string, Promise<unknown>>();
  let lastProblem: string | null = null;

  const fileOf = (profileId: string) => path.join(options.directory, `${safeFileSegment(profileId)}.json`);

  const report = (message: string) => {
    if (options.onProblem) options.onProblem(message);
    else console.warn(`[followups] ${message}`);
  };

  async function moveAside(file: string, why: string, kept: number): Promise<void> {
    const aside = `${file}.corrupt-${new Date(options.now()).toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(file, aside);
      report(
        `The follow-ups file ${path.basename(file)} could not be read in full (${why}); it was kept as ${aside}, and the ${kept} hand-over(s) that could be read were kept.`,
      );
    } catch (error) {
      report(`The follow-ups file ${file} could not be read (${why}) nor moved aside (${fileErrorReason(error)}).`);
    }
  }

  async function load(profileId: string): Promise<HandOver[]> {
    const file = fileOf(profileId);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        report(`Could not read ${file} (${fileErrorReason(error)}); follow-ups start empty for now.`);
      }
      return [];
    }
    let envelope: z.infer<typeof fileSchema>;
    try {
      envelope = fileSchema.parse(JSON.parse(text));
    } catch {
      await moveAside(file, 'not a follow-ups file', 0);
      return [];
    }
    const handOvers: HandOver[] = [];
    let unreadable = 0;
    for (const record of envelope.handOvers) {
      const parsed = handOverSchema.safeParse(record);
      if (parsed.success && parsed.data.profileId === profileId) handOvers.push(parsed.data);
      else unreadable += 1;
    }
    if (unreadable > 0) {
      await moveAside(file, `${unreadable} unreadable hand-over(s)`, handOvers.length);
      await save(profileId, handOvers).catch(() => undefined);
    }
    return handOvers;
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

  async function save(profileId: string, handOvers: HandOver[]): Promise<void> {
    const file = fileOf(profileId);
    try {
      await writeFileDurably(file, JSON.stringify({ version: 1, profileId, handOvers }));
      lastProblem = null;
    } catch (error) {
      const problem = `Linkdesk could not save its follow-ups to ${file} (${fileErrorReason(error)}). They are kept while it runs and saved at the next change.`;
      // Said once while it lasts, not at every check.
      if (problem !== lastProblem) report(problem);
      lastProblem = problem;
      throw error;
    }
  }

  const list = (profileId: string) => {
    let current = loaded.get(profileId);
    if (!current) {
      current = load(profileId);
      loaded.set(profileId, current);
    }
    return current.then((items) => [...items]);
  };

  return {
    list,
    update(profileId, change) {
      const previous = queues.get(profileId) ?? Promise.resolve();
      const next = previous
        .catch(() => undefined)
        .then(async () => {
          const current = await list(profileId);
          const changed = prune(change(current));
          // Memory first: a failed write must not lose what was recorded.
          loaded.set(profileId, Promise.resolve(changed));
          await save(profileId, changed).catch(() => undefined);
          return [...changed];
        });
      queues.set(profileId, next);
      return next;
    },
    problem: () => lastProblem,
  };
}
