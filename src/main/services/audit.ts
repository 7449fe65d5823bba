/**
 * The audit trail: one JSON line per admin action, appended whole and durably (fsync) under userData/audit/, rotated
 * by size, never rewritten. A write that fails part-way (a full disk) is undone, so the record waits and is written
 * whole later. A torn last line (a crash mid-write) is skipped with a warning, never fatal.
 */
import { randomUUID } from 'node:crypto';
import { auditRecordSchema, type AuditRecord } from '@shared/domain/audit';
import type { Logger } from '../log';
import {
  appendLineDurably,
  auditFiles,
  describeWriteFailure,
  readAuditFiles,
  type AuditFiles,
} from '../storage/audit-files';

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

const defaultRetryDelaysMs = [5_000, 15_000, 30_000, 60_000];

/** The trail's state while the console runs: where it is written, and the records still waiting for the disk. */
interface AuditContext {
  options: AuditLogOptions;
  files: AuditFiles;
  now: () => Date;
  retryDelaysMs: readonly number[];
  /** Records of actions that happened but could not be written yet, oldest first. */
  pending: AuditRecord[];
  problem: string | null;
  retryTimer: ReturnType<typeof setTimeout> | null;
  attempts: number;
}

/** One record, as one line with every secret scrubbed; written whole, or not at all (it throws). */
function writeRecord(context: AuditContext, record: AuditRecord): void {
  appendLineDurably(context.files, `${context.options.redact(JSON.stringify(record))}\n`);
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

function readAll(context: AuditContext): AuditRecords {
  const { records, warnings } = readAuditFiles(context.options.directory);
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
  const now = options.now ?? (() => new Date());
  const context: AuditContext = {
    options,
    files: auditFiles({
      directory: options.directory,
      maxFileBytes: options.maxFileBytes ?? 5 * 1024 * 1024,
      now,
      log: options.log,
    }),
    now,
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
