/**
 * One console per data folder. Settings are rewritten whole, so two consoles on one folder would undo each
 * other's changes; the second one is refused with a message that says which console holds the folder.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { writeWholeSync } from './whole-write';

const lockFileName = 'linkdesk.lock';

const holderSchema = z.object({
  pid: z.number().int(),
  hostname: z.string(),
  host: z.string(),
  startedAt: z.string(),
  token: z.string(),
});
type Holder = z.infer<typeof holderSchema>;

export class DataFolderInUse extends Error {
  constructor(
    readonly directory: string,
    readonly holder: Holder,
    readonly lockFile: string,
  ) {
    super(
      `Another Linkdesk console (${holder.host}, process ${holder.pid}, started ${holder.startedAt}) is using ${directory}. ` +
        `Close it first, or give this one another folder (npm run web -- --data-dir <folder>). ` +
        `If no other console is running, delete ${lockFile}.`,
    );
    this.name = 'DataFolderInUse';
  }
}

export interface DataFolderLock {
  readonly lockFile: string;
  release(): void;
}

export interface LockOptions {
  /** Which console takes the folder, for the message another one shows ("desktop app", "browser console on port 5180"). */
  host: string;
  /** Whether a process still runs; a lock left by one that does not is taken over. */
  isRunning?(pid: number): boolean;
  now?: () => Date;
}

/** Takes the folder for this process, or throws DataFolderInUse. */
export function acquireDataFolderLock(directory: string, options: LockOptions): DataFolderLock {
  const lockFile = path.join(directory, lockFileName);
  const isRunning = options.isRunning ?? processRunning;
  const holder: Holder = {
    pid: process.pid,
    hostname: os.hostname(),
    host: options.host,
    startedAt: (options.now ?? (() => new Date()))().toISOString(),
    token: randomUUID(),
  };
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    if (!['EACCES', 'EPERM', 'EROFS'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = openSync(lockFile, 'wx', 0o600);
      try {
        // Whole, or an error: part of a holder would read as no holder, and the next console would take the folder.
        writeWholeSync(handle, JSON.stringify(holder));
      } finally {
        closeSync(handle);
      }
      const release = () => {
        if (!heldLocks.delete(release)) return;
        // Only our own lock: never one another console took over meanwhile.
        if (readHolder(lockFile)?.token === holder.token) rmSync(lockFile, { force: true });
      };
      holdLock(release);
      return { lockFile, release };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A folder nobody may write to cannot be corrupted by two consoles: run without the lock (settings then
      // stay in memory and say so).
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return { lockFile, release: () => {} };
      if (code !== 'EEXIST') throw error;
    }
    const current = readHolder(lockFile);
    // Held by a live process on this machine: refuse. Unreadable, or left by a process that is gone: take it over.
    if (current && current.hostname === holder.hostname && isRunning(current.pid))
      throw new DataFolderInUse(directory, current, lockFile);
    if (current && current.hostname !== holder.hostname) throw new DataFolderInUse(directory, current, lockFile);
    rmSync(lockFile, { force: true });
  }
  throw new Error(`Could not take ${lockFile}: another console keeps creating it.`);
}

/** Locks this process holds, released when it exits normally (a crash leaves a stale lock, which is taken over). */
const heldLocks = new Set<() => void>();
let releaseOnExit = false;
function holdLock(release: () => void) {
  heldLocks.add(release);
  if (releaseOnExit) return;
  releaseOnExit = true;
  process.once('exit', () => [...heldLocks].forEach((held) => held()));
}

function readHolder(lockFile: string): Holder | null {
  try {
    return holderSchema.parse(JSON.parse(readFileSync(lockFile, 'utf8')));
  } catch {
    return null;
  }
}

function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
