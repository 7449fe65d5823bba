/**
 * Small file helpers for main's stores: a durable atomic write (temporary file, fsync, rename: a crash leaves
 * the old file or the new one, never half of one), and file names from values that come from elsewhere.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Writes `data` to `file` atomically and durably; on failure removes the temporary file and throws. */
export async function writeFileDurably(file: string, data: string | Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
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
