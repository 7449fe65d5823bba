/**
 * One JSON file per profile (`<directory>/<profile>.json`), kept in memory once read, written atomically and
 * durably. The mechanism shared by main's per-profile stores (follow-ups, the issues inbox); what a file holds, how
 * its records are checked and what is pruned stay with each store.
 *
 * A missing file is an empty one; a file that cannot be read starts empty and is reported; a file that can be read
 * only in part is moved aside as `<file>.corrupt-<time>` and reported, and what could be read is kept and saved.
 * Changes to one profile are applied one after another, never interleaved. A write that fails keeps the change in
 * memory, says so once while it lasts, and is tried again at the next change.
 */
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { fileErrorReason, safeFileSegment, writeFileDurably } from './durable-file';

/** What a store made of its file's JSON. */
export interface ParsedProfileFile<T> {
  value: T;
  /** Why some of it could not be read (e.g. "2 unreadable issue(s)"), or null when all of it could. */
  unreadable: string | null;
  /** How many records were kept, for the message when the file is moved aside. */
  kept: number;
}

/** The words that name a store's data in its messages; each store's messages read exactly as they always have. */
export interface ProfileFileWording {
  /** The `[area]` prefix of console warnings when no `onProblem` is given: `followups`. */
  logArea: string;
  /** "The <fileKind> file x.json could not be read …": `follow-ups`. */
  fileKind: string;
  /** "… and the 3 <records> that could be read were kept.": `hand-over(s)`. */
  records: string;
  /** Why a file is moved aside when it is not this store's file at all: `not a follow-ups file`. */
  notThisKind: string;
  /** "Could not read x.json (reason); <startsEmpty>.": `follow-ups start empty for now`. */
  startsEmpty: string;
  /** The whole message when a save fails. */
  notSaved(file: string, reason: string): string;
}

export interface ProfileFileStoreOptions<T> {
  directory: string;
  now(): number;
  /** Told, in plain words, about a file moved aside or a write that failed (else console.warn). */
  onProblem?(message: string): void;
  wording: ProfileFileWording;
  empty(): T;
  /** The file's JSON as the store's value; null when it is not this store's file at all. */
  parse(json: unknown, profileId: string): ParsedProfileFile<T> | null;
  /** The value as the file's JSON. */
  serialise(value: T, profileId: string): unknown;
  /** Applied after every change, before it is kept and saved: the store's bounds. */
  prune(value: T): T;
  /** A copy for callers, so that what they change is not the store's own value. */
  copy(value: T): T;
}

export interface ProfileFileStore<T> {
  /** The profile's value (read from disk once, then from memory). */
  read(profileId: string): Promise<T>;
  /** Changes the profile's value and saves it; changes are applied one after another. */
  update(profileId: string, change: (value: T) => T): Promise<T>;
  /** Why the last save failed, if the latest change is only in memory. */
  problem(): string | null;
}

export function createProfileFileStore<T>(options: ProfileFileStoreOptions<T>): ProfileFileStore<T> {
  const { wording } = options;
  const loaded = new Map<string, Promise<T>>();
  /** Per profile, the chain of changes, so that two never interleave. */
  const queues = new Map<string, Promise<unknown>>();
  let lastProblem: string | null = null;

  const fileOf = (profileId: string) => path.join(options.directory, `${safeFileSegment(profileId)}.json`);

  const report = (message: string) => {
    if (options.onProblem) options.onProblem(message);
    else console.warn(`[${wording.logArea}] ${message}`);
  };

  async function moveAside(file: string, why: string, kept: number): Promise<void> {
    const aside = `${file}.corrupt-${new Date(options.now()).toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(file, aside);
      report(
        `The ${wording.fileKind} file ${path.basename(file)} could not be read in full (${why}); it was kept as ${aside}, and the ${kept} ${wording.records} that could be read were kept.`,
      );
    } catch (error) {
      report(
        `The ${wording.fileKind} file ${file} could not be read (${why}) nor moved aside (${fileErrorReason(error)}).`,
      );
    }
  }

  function parseFile(text: string, profileId: string): ParsedProfileFile<T> | null {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return null;
    }
    return options.parse(json, profileId);
  }

  async function load(profileId: string): Promise<T> {
    const file = fileOf(profileId);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        report(`Could not read ${file} (${fileErrorReason(error)}); ${wording.startsEmpty}.`);
      }
      return options.empty();
    }
    const parsed = parseFile(text, profileId);
    if (!parsed) {
      await moveAside(file, wording.notThisKind, 0);
      return options.empty();
    }
    if (parsed.unreadable !== null) {
      await moveAside(file, parsed.unreadable, parsed.kept);
      await save(profileId, parsed.value).catch(() => undefined);
    }
    return parsed.value;
  }

  async function save(profileId: string, value: T): Promise<void> {
    const file = fileOf(profileId);
    try {
      await writeFileDurably(file, JSON.stringify(options.serialise(value, profileId)));
      lastProblem = null;
    } catch (error) {
      const problem = wording.notSaved(file, fileErrorReason(error));
      // Said once while it lasts, not at every change.
      if (problem !== lastProblem) report(problem);
      lastProblem = problem;
      throw error;
    }
  }

  const read = (profileId: string) => {
    let current = loaded.get(profileId);
    if (!current) {
      current = load(profileId);
      loaded.set(profileId, current);
    }
    return current.then(options.copy);
  };

  return {
    read,
    update(profileId, change) {
      const previous = queues.get(profileId) ?? Promise.resolve();
      const next = previous
        .catch(() => undefined)
        .then(async () => {
          const changed = options.prune(change(await read(profileId)));
          // Memory first: a failed write must not lose what was recorded.
          loaded.set(profileId, Promise.resolve(changed));
          await save(profileId, changed).catch(() => undefined);
          return options.copy(changed);
        });
      queues.set(profileId, next);
      return next;
    },
    problem: () => lastProblem,
  };
}
