/**
 * Small file helpers for main's stores: an atomic write (temporary file, the whole of it, rename: a crash or a full
 * disk leaves the old file or the new one, never half of one), durable too where it matters (fsync before the rename),
 * and file names from values that come from elsewhere.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeWhole } from './whole-write';

/** Writes `data` to `file` atomically and durably; on failure removes the temporary file and throws. */
export function writeFileDurably(file: string, data: string | Buffer): Promise<void> {
  return replaceFile(file, data, { sync: true });
}

/** Writes `data` to `file` atomically without waiting for the disk: for caches, whose files are fetched again. */
export function writeFileAtomically(file: string, data: string | Buffer): Promise<void> {
  return replaceFile(file, data, { sync: false });
}

async function replaceFile(file: string, data: string | Buffer, { sync }: { sync: boolean }): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      await writeWhole(handle, data);
      if (sync) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Profile ids and platform keys become folder and file names: nothing that could climb out of its folder. */
export function safeFileSegment(value: string): string {
  return /^[A-Za-z0-9-]{1,64}$/.test(value) ? value : createHash('sha256').update(value).digest('hex').slice(0, 32);
}

/** A short, human reason for a file-system error: "permission denied, EACCES". */
export function fileErrorReason(error: unknown): string {
  const failure = error as NodeJS.ErrnoException;
  if (typeof failure?.code !== 'string') return String(failure?.message ?? error);
  const text = failure.message.replace(/^[A-Z]+: /, '').split(',')[0] ?? failure.code;
  return `${text}, ${failure.code}`;
}
