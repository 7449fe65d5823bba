/**
 * The audit trail: one JSON line per admin action, appended durably (fsync) under userData/audit/, rotated
 * by size, never rewritten. A torn last line (a crash mid-write) is skipped with a warning, never fatal.
 */
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { auditRecordSchema, type AuditRecord } from '../../shared/domain/audit';

export interface AuditLogOptions {
  directory: string;
  user: string;
  /** Scrubs secrets from anything written. */
  redact(text: string): string;
  /** Rotate the current file once it reaches this size. */
  maxFileBytes?: number;
  now?: () => Date;
}

const currentFile = 'audit.jsonl';

export function createAuditLog(options: AuditLogOptions) {
  const maxFileBytes = options.maxFileBytes ?? 5 * 1024 * 1024;
  const now = options.now ?? (() => new Date());
  const file = path.join(options.directory, currentFile);

  function rotateIfNeeded() {
    let size = 0;
    try {
      size = statSync(file).size;
    } catch {
      return;
    }
    if (size < maxFileBytes) return;
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    renameSync(file, path.join(options.directory, `audit-${stamp}-${randomUUID().slice(0, 8)}.jsonl`));
  }

  return {
    /** Appends one record: a single write of one line to a file opened for append, then fsync. */
    append(entry: Omit<AuditRecord, 'id' | 'at' | 'user'>): AuditRecord {
      const record = auditRecordSchema.parse({
        ...entry,
        id: randomUUID(),
        at: now().toISOString(),
        user: options.user,
      });
      const line = `${options.redact(JSON.stringify(record))}\n`;
      mkdirSync(options.directory, { recursive: true });
      rotateIfNeeded();
      const handle = openSync(file, 'a', 0o600);
      try {
        // After a crash mid-write the file may end inside a line: start ours on a fresh one.
        writeSync(handle, endsMidLine(file) ? `\n${line}` : line);
        fsyncSync(handle);
      } finally {
        closeSync(handle);
      }
      return record;
    },

    /** Every record, newest first, and a warning for each line that could not be read. */
    read(): { records: AuditRecord[]; warnings: string[] } {
      let names: string[];
      try {
        names = readdirSync(options.directory)
          .filter((name) => name.endsWith('.jsonl'))
          .sort();
      } catch {
        return { records: [], warnings: [] };
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
      // Newest first. Records written in the same millisecond keep their written order, so the later line wins:
      // files are read oldest first (rotated `audit-<time>` names sort before the current `audit.jsonl`).
      const position = new Map(records.map((record, index) => [record, index]));
      records.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : position.get(b)! - position.get(a)!));
      return { records, warnings };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

function endsMidLine(file: string): boolean {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false;
  }
  if (size === 0) return false;
  const handle = openSync(file, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(handle, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(handle);
  }
}
