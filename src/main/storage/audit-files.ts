/**
 * The audit trail's files: JSON lines in one folder, each appended whole and durably (fsync) to `audit.jsonl`, which
 * is renamed aside once it reaches its size limit; read back oldest file first. Other consoles may share the folder.
 * What is written, and when, is the audit service's (src/main/services/audit.ts).
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
import { writeWholeSync } from './whole-write';

const currentFile = 'audit.jsonl';

/** Where the trail lives, and when its current file is rotated. */
export interface AuditFiles {
  directory: string;
  /** The file appended to: `audit.jsonl` in the folder. */
  file: string;
  maxFileBytes: number;
  now: () => Date;
  /** Told when a partial write could not be taken back. */
  log?: Logger | undefined;
}

export function auditFiles(options: Omit<AuditFiles, 'file'>): AuditFiles {
  return { ...options, file: path.join(options.directory, currentFile) };
}

function rotateIfNeeded(files: AuditFiles) {
  let size = 0;
  try {
    size = statSync(files.file).size;
  } catch {
    return;
  }
  if (size < files.maxFileBytes) return;
  const stamp = files.now().toISOString().replace(/[:.]/g, '-');
  try {
    renameSync(files.file, path.join(files.directory, `audit-${stamp}-${randomUUID().slice(0, 8)}.jsonl`));
  } catch (error) {
    // Another console sharing the folder rotated it first; ours will be a fresh file.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** One line appended whole to a file opened for append, then fsync; or, if that fails, nothing. */
export function appendLineDurably(files: AuditFiles, line: string): void {
  mkdirSync(files.directory, { recursive: true });
  rotateIfNeeded(files);
  // Read and append through one handle: another console may rename the path (rotation) at any moment.
  const handle = openSync(files.file, 'a+', 0o600);
  try {
    const sizeBefore = fstatSync(handle).size;
    // After a crash mid-write the file may end inside a line: start ours on a fresh one.
    const bytes = Buffer.from(endsMidLine(handle, sizeBefore) ? `\n${line}` : line);
    try {
      writeWholeSync(handle, bytes);
      fsyncSync(handle);
    } catch (error) {
      undoPartialAppend(files, handle, sizeBefore, bytes);
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
function undoPartialAppend(files: AuditFiles, handle: number, sizeBefore: number, bytes: Buffer): void {
  try {
    const added = fstatSync(handle).size - sizeBefore;
    if (added <= 0 || added > bytes.length) return;
    const tail = Buffer.alloc(added);
    readSync(handle, tail, 0, added, sizeBefore);
    if (tail.equals(bytes.subarray(0, added))) ftruncateSync(handle, sizeBefore);
  } catch (error) {
    // The fragment stays: the next attempt starts on a fresh line, so the record is still written whole.
    files.log?.warn(`[audit] could not undo a partial write to ${files.file}: ${String(error)}`);
  }
}

function endsMidLine(handle: number, size: number): boolean {
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  readSync(handle, last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}

/** The records in the trail's files, in the order they were written, and a warning for each unreadable line. */
export function readAuditFiles(directory: string): { records: AuditRecord[]; warnings: string[] } {
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

/** Plain words for why the trail could not be written, from the file system's error code. */
export function describeWriteFailure(error: unknown, directory: string): string {
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
