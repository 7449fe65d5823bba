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

/** The records of the trail, newest first, and a warning for each line that could not be read. */
export interface AuditRecords {
  records: AuditRecord[];
  warnings: string[];
}

export interface AuditLog {
  /** Appends one record now, or throws. */
  append(entry: AuditEntry): AuditRecord;
  /**
   * Records an action that has happened, whatever the disk says: written now if it can be (after any
   * records still waiting, so the order holds), otherwise kept in memory, retried, and reported.
   */
  record(entry: AuditEntry): { record: AuditRecord; written: boolean };
  status(): AuditStatus;
  /** Tries the waiting records now (the retry timer does this by itself); true when none is left waiting. */
  flush(): boolean;
  /** Stops retrying; records still waiting are lost with the process, as the status said. */
  dispose(): void;
  /** Records matching a filter (action, a company's id or part of its name, a time range), newest first. */
  list(filter?: AuditFilter): AuditRecords;
  /** Every record, newest first (those still waiting too), and a warning for each line that could not be read. */
  read(): AuditRecords;
}

export interface AuditFilter {
  action?: AuditRecord['action'] | undefined;
  /** A company's id, or part of its name. */
  company?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const currentFile = 'audit.jsonl';
const defaultRetryDelaysMs = [5_000, 15_000, 30_000, 60_000];

/** The trail's state while the console runs: where it is written, and the records still waiting for the disk. */
interface AuditContext {
  options: AuditLogOptions;
  file: string;
  maxFileBytes: number;
  now: () => Date;
  retryDelaysMs: readonly number[];
  /** Records of actions that happened but could not be written yet, oldest first. */
  pending: AuditRecord[];
  problem: string | null;
  retryTimer: ReturnType<typeof setTimeout> | null;
  attempts: number;
}

function rotateIfNeeded(context: AuditContext) {
  let size = 0;
  try {
    size = statSync(context.file).size;
  } catch {
    return;
  }
  if (size < context.maxFileBytes) return;
  const stamp = context.now().toISOString().replace(/[:.]/g, '-');
  try {
    renameSync(context.file, path.join(context.options.directory, `audit-${stamp}-${randomUUID().slice(0, 8)}.jsonl`));
  } catch (error) {
    // Another console sharing the folder rotated it first; ours will be a fresh file.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** One record: one line appended whole to a file opened for append, then fsync; or, if that fails, nothing. */
function writeRecord(context: AuditContext, record: AuditRecord): void {
  const line = `${context.options.redact(JSON.stringify(record))}\n`;
  mkdirSync(context.options.directory, { recursive: true });
  rotateIfNeeded(context);
  // Read and append through one handle: another console may rename the path (rotation) at any moment.
  const handle = openSync(context.file, 'a+', 0o600);
  try {
    const sizeBefore = fstatSync(handle).size;
    // After a crash mid-write the file may end inside a line: start ours on a fresh one.
    const bytes = Buffer.from(endsMidLine(handle, sizeBefore) ? `\n${line}` : line);
    try {
      writeWholeSync(handle, bytes);
      fsyncSync(handle);
    } catch (error) {
      undoPartialAppend(context, handle, sizeBefore, bytes);
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
function undoPartialAppend(context: AuditContext, handle: number, sizeBefore: number, bytes: Buffer): void {
  try {
    const added = fstatSync(handle).size - sizeBefore;
    if (added <= 0 || added > bytes.length) return;
    const tail = Buffer.alloc(added);
    readSync(handle, tail, 0, added, sizeBefore);
    if (tail.equals(bytes.subarray(0, added))) ftruncateSync(handle, sizeBefore);
  } catch (error) {
    // The fragment stays: the next attempt starts on a fresh line, so the record is still written whole.
    context.options.log?.warn(`[audit] could not undo a partial write to ${context.file}: ${String(error)}`);
  }
}

function statusOf(context: AuditContext): AuditStatus {
  return { pending: context.pending.length, problem: context.pending.length > 0 ? context.problem : null };
}

/** Writes waiting records, oldest first, stopping at the first that still cannot be written. */
function flushPending(context: AuditContext): boolean {
  const { pending } = context;
  const before = pending.length;
  while (pending.length > 0) {
    try {
      writeRecord(context, pending[0]!);
    } catch (error) {
      context.problem = describeWriteFailure(error, context.options.directory);
      break;
    }
    pending.shift();
  }
  if (pending.length === 0) {
    context.attempts = 0;
    if (context.retryTimer) clearTimeout(context.retryTimer);
    context.retryTimer = null;
  } else {
    scheduleRetry(context);
  }
  if (pending.length !== before) context.options.onStatus?.(statusOf(context));
  return pending.length === 0;
}

function scheduleRetry(context: AuditContext) {
  if (context.retryTimer) return;
  const { retryDelaysMs } = context;
  const delay = retryDelaysMs[Math.min(context.attempts, retryDelaysMs.length - 1)] ?? 60_000;
  context.attempts += 1;
  context.retryTimer = setTimeout(() => {
    context.retryTimer = null;
    flushPending(context);
  }, delay);
  context.retryTimer.unref?.();
}

/** The records in the trail's files, in the order they were written, and a warning for each unreadable line. */
function readTrailFiles(directory: string): AuditRecords {
  let names: string[] = [];
  try {
    names = readdirSync(directory)
      .filter((name) => name.endsWith('.jsonl'))
      .sort();
  } catch {
    // No folder yet (nothing written), or not readable: only the records still waiting, if any.
  }
  const records: AuditRecord[] = [];
  const warnings: string[] = [];
  for (const name of names) {
    const lines = readFileSync(path.join(directory, name), 'utf8').split('\n');
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
  return { records, warnings };
}

function readAll(context: AuditContext): AuditRecords {
  const { records, warnings } = readTrailFiles(context.options.directory);
  const { pending } = context;
  // Actions that happened but are not on disk yet are still part of the story.
  const written = new Set(records.map((record) => record.id));
  records.push(...pending.filter((record) => !written.has(record.id)));
  if (pending.length > 0) {
    warnings.push(
      `${pending.length} ${pending.length === 1 ? 'record is' : 'records are'} not yet written to disk: ${context.problem} Linkdesk keeps trying.`,
    );
  }
  // Newest first. Records written in the same millisecond keep their written order, so the later line wins:
  // files are read oldest first (rotated `audit-<time>` names sort before the current `audit.jsonl`).
  const position = new Map(records.map((record, index) => [record, index]));
  records.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : position.get(b)! - position.get(a)!));
  return { records, warnings };
}

/** `company` is the filter's company text, trimmed and lower-cased once for the whole list. */
function matchesFilter(record: AuditRecord, filter: AuditFilter, company: string | undefined): boolean {
  return (
    (!filter.action || record.action === filter.action) &&
    (!company ||
      record.target.companyId?.toLowerCase() === company ||
      (record.target.companyName ?? '').toLowerCase().includes(company)) &&
    (!filter.from || record.at >= filter.from) &&
    (!filter.to || record.at <= filter.to)
  );
}

export function createAuditLog(options: AuditLogOptions): AuditLog {
  const context: AuditContext = {
    options,
    file: path.join(options.directory, currentFile),
    maxFileBytes: options.maxFileBytes ?? 5 * 1024 * 1024,
    now: options.now ?? (() => new Date()),
    retryDelaysMs: options.retryDelaysMs ?? defaultRetryDelaysMs,
    pending: [],
    problem: null,
    retryTimer: null,
    attempts: 0,
  };
  const build = (entry: AuditEntry): AuditRecord =>
    auditRecordSchema.parse({ ...entry, id: randomUUID(), at: context.now().toISOString(), user: options.user });

  return {
    append(entry) {
      const record = build(entry);
      writeRecord(context, record);
      return record;
    },

    record(entry) {
      const record = build(entry);
      context.pending.push(record);
      const wasClear = context.pending.length === 1;
      const written = flushPending(context);
      if (!written) {
        options.log?.warn(`[audit] ${context.problem} ${context.pending.length} record(s) waiting.`);
        if (wasClear) options.onStatus?.(statusOf(context));
      }
      return { record, written };
    },

    status: () => statusOf(context),
    flush: () => flushPending(context),
    dispose() {
      if (context.retryTimer) clearTimeout(context.retryTimer);
      context.retryTimer = null;
    },

    list(filter = {}) {
      const { records, warnings } = readAll(context);
      const company = filter.company?.trim().toLowerCase();
      return { records: records.filter((record) => matchesFilter(record, filter, company)), warnings };
    },

    read: () => readAll(context),
  };
}

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
