/**
 * The audit trail: one JSON line per admin action, appended whole and durably (fsync) under userData/audit/, rotated
 * by size, never rewritten. A write that fails part-way (a full disk) is undone, so the record waits and is written
 * whole later. A torn last line (a crash mid-write) is skipped with a warning, never fatal.
 */
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { auditRecordSchema, type AuditRecord } from '@shared/domain/audit';
import type { Logger } from '../log';
import { writeWholeSync } from '../storage/whole-write';

export interface AuditLogOptions {
  directory: string;
  user: string;
  /** Scrubs secrets from anything written. */
  redact(text: string): string;
  /** Rotate the current file once it reaches this size. */
  maxFileBytes?: number;
  now?: () => Date;
  /** Where a record that could not be written is reported for support. */
  log?: Logger;
  /** Told whenever records start or stop waiting to be written. */
  onStatus?(status: AuditStatus): void;
  /** How long to wait before trying waiting records again, one entry per attempt; the last one repeats. */
  retryDelaysMs?: readonly number[];
}

export type AuditEntry = Omit<AuditRecord, 'id' | 'at' | 'user'>;

export interface AuditFilter {
  action?: AuditRecord['action'] | undefined;
  /** A company's id, or part of its name. */
  company?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const currentFile = 'audit.jsonl';
const defaultRetryDelaysMs = [5_000, 15_000, 30_000, 60_000];

export function createAuditLog(options: AuditLogOptions) {
  const maxFileBytes = options.maxFileBytes ?? 5 * 1024 * 1024;
  const now = options.now ?? (() => new Date());
  const retryDelaysMs = options.retryDelaysMs ?? defaultRetryDelaysMs;
  const file = path.join(options.directory, currentFile);
  /** Records of actions that happened but could not be written yet, oldest first. */
  const pending: AuditRecord[] = [];
  let problem: string | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let attempts = 0;

  function rotateIfNeeded() {
    let size = 0;
    try {
      size = statSync(file).size;
    } catch {
      return;
    }
    if (size < maxFileBytes) return;
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    try {
      renameSync(file, path.join(options.directory, `audit-${stamp}-${randomUUID().slice(0, 8)}.jsonl`));
    } catch (error) {
      // Another console sharing the folder rotated it first; ours will be a fresh file.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  function build(entry: AuditEntry): AuditRecord {
    return auditRecordSchema.parse({ ...entry, id: randomUUID(), at: now().toISOString(), user: options.user });
  }

  /** One record: one line appended whole to a file opened for append, then fsync; or, if that fails, nothing. */
  function write(record: AuditRecord): void {
    const line = `${options.redact(JSON.stringify(record))}\n`;
    mkdirSync(options.directory, { recursive: true });
    rotateIfNeeded();
    // Read and append through one handle: another console may rename the path (rotation) at any moment.
    const handle = openSync(file, 'a+', 0o600);
    try {
      const sizeBefore = fstatSync(handle).size;
      // After a crash mid-write the file may end inside a line: start ours on a fresh one.
      const bytes = Buffer.from(endsMidLine(handle, sizeBefore) ? `\n${line}` : line);
      try {
        writeWholeSync(handle, bytes);
        fsyncSync(handle);
      } catch (error) {
        undoPartialAppend(handle, sizeBefore, bytes);
        throw error;
      }
    } finally {
      closeSync(handle);
    }
  }

  /**
   * Takes back what a failed append left (part of the line, or all of it unsynced), so that the record, still waiting,
   * is later written once and whole. Only when what follows `sizeBefore` is ours alone: another console's line is
   * never cut.
   */
  function undoPartialAppend(handle: number, sizeBefore: number, bytes: Buffer): void {
    try {
      const added = fstatSync(handle).size - sizeBefore;
      if (added <= 0 || added > bytes.length) return;
      const tail = Buffer.alloc(added);
      readSync(handle, tail, 0, added, sizeBefore);
      if (tail.equals(bytes.subarray(0, added))) ftruncateSync(handle, sizeBefore);
    } catch (error) {
      // The fragment stays: the next attempt starts on a fresh line, so the record is still written whole.
      options.log?.warn(`[audit] could not undo a partial write to ${file}: ${String(error)}`);
    }
  }

  function status(): AuditStatus {
    return { pending: pending.length, problem: pending.length > 0 ? problem : null };
  }

  /** Writes waiting records, oldest first, stopping at the first that still cannot be written. */
  function flush(): boolean {
    const before = pending.length;
    while (pending.length > 0) {
      try {
        write(pending[0]!);
      } catch (error) {
        problem = describeWriteFailure(error, options.directory);
        break;
      }
      pending.shift();
    }
    if (pending.length === 0) {
      attempts = 0;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
    } else {
      scheduleRetry();
    }
    if (pending.length !== before) options.onStatus?.(status());
    return pending.length === 0;
  }

  function scheduleRetry() {
    if (retryTimer) return;
    const delay = retryDelaysMs[Math.min(attempts, retryDelaysMs.length - 1)] ?? 60_000;
    attempts += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      flush();
    }, delay);
    retryTimer.unref?.();
  }

  return {
    /** Appends one record now, or throws. */
    append(entry: AuditEntry): AuditRecord {
      const record = build(entry);
      write(record);
      return record;
    },

    /**
     * Records an action that has happened, whatever the disk says: written now if it can be (after any
     * records still waiting, so the order holds), otherwise kept in memory, retried, and reported.
     */
    record(entry: AuditEntry): { record: AuditRecord; written: boolean } {
      const record = build(entry);
      pending.push(record);
      const wasClear = pending.length === 1;
      const written = flush();
      if (!written) {
        options.log?.warn(`[audit] ${problem} ${pending.length} record(s) waiting.`);
        if (wasClear) options.onStatus?.(status());
      }
      return { record, written };
    },

    status,
    /** Tries the waiting records now (the retry timer does this by itself). */
    flush,
    /** Stops retrying; records still waiting are lost with the process, as the status said. */
    dispose() {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
    },

    /** Records matching a filter (action, a company's id or part of its name, a time range), newest first. */
    list(filter: AuditFilter = {}): { records: AuditRecord[]; warnings: string[] } {
      const { records, warnings } = this.read();
      const text = filter.company?.trim().toLowerCase();
      return {
        records: records.filter(
          (record) =>
            (!filter.action || record.action === filter.action) &&
            (!text ||
              record.target.companyId?.toLowerCase() === text ||
              (record.target.companyName ?? '').toLowerCase().includes(text)) &&
            (!filter.from || record.at >= filter.from) &&
            (!filter.to || record.at <= filter.to),
        ),
        warnings,
      };
    },

    /** Every record, newest first, and a warning for each line that could not be read. */
    read(): { records: AuditRecord[]; warnings: string[] } {
      let names: string[] = [];
      try {
        names = readdirSync(options.directory)
          .filter((name) => name.endsWith('.jsonl'))
          .sort();
      } catch {
        // No folder yet (nothing written), or not readable: only the records still waiting, if any.
      }
      const records: AuditRecord[] = [];
      const warnings: string[] = [];
      for (const name of names) {
        const lines = readFileSync(path.join(options.directory, name), 'utf8').split('\n');
        lines.forEach((line, index) => {
          if (line.trim() === '') return;
          try {
            records.push(auditRecordSchema.parse(JSON.parse(line)));
          } catch {
            const last = index >= lines.length - 2;
            warnings.push(
              last
                ? `The last line of ${name} is incomplete (probably written during a crash) and was skipped.`
                : `Line ${index + 1} of ${name} is incomplete or damaged (probably a crash) and was skipped.`,
            );
          }
        });
      }
      // Actions that happened but are not on disk yet are still part of the story.
      const written = new Set(records.map((record) => record.id));
      records.push(...pending.filter((record) => !written.has(record.id)));
      if (pending.length > 0) {
        warnings.push(
          `${pending.length} ${pending.length === 1 ? 'record is' : 'records are'} not yet written to disk: ${problem} Linkdesk keeps trying.`,
        );
      }
      // Newest first. Records written in the same millisecond keep their written order, so the later line wins:
      // files are read oldest first (rotated `audit-<time>` names sort before the current `audit.jsonl`).
      const position = new Map(records.map((record, index) => [record, index]));
      records.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : position.get(b)! - position.get(a)!));
      return { records, warnings };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

export interface AuditStatus {
  /** Records of actions that happened but are not on disk yet. */
  pending: number;
  /** Why, in plain words; null when nothing is waiting. */
  problem: string | null;
}

/** Plain words for why the trail could not be written, from the file system's error code. */
function describeWriteFailure(error: unknown, directory: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EROFS'
        ? 'the disk is read-only'
        : code === 'EACCES' || code === 'EPERM'
          ? 'Linkdesk is not allowed to write there'
          : code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR'
            ? 'something that is not a folder is in the way'
            : `${code ?? 'error'}: ${error instanceof Error ? error.message : String(error)}`;
  return `Linkdesk could not write the audit trail in ${directory} (${why}).`;
}

function endsMidLine(handle: number, size: number): boolean {
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  readSync(handle, last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}
