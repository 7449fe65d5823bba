/**
 * Writes that put every byte on disk or throw. A write(2) may write only part of what it was given and still
 * succeed: a nearly full disk takes what fits and says how much. Taking such a write for whole tears a file without a
 * word, so every write of ours goes through here and loops on the count until all is written or the disk says no
 * (the next write then fails: ENOSPC). The loop is ours, on the count Node returns, so that it can be read and tested
 * here rather than assumed of a library call.
 */
import { writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/** Writes all of `data` at the descriptor's position (its end, for a file opened to append); throws otherwise. */
export function writeWholeSync(descriptor: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < bytes.byteLength) {
    const written = writeSync(descriptor, bytes, offset, bytes.byteLength - offset);
    if (written <= 0) throw nothingWritten(bytes.byteLength - offset);
    offset += written;
  }
}

/** Writes all of `data` at the handle's position; throws otherwise. */
export async function writeWhole(handle: FileHandle, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset);
    if (bytesWritten <= 0) throw nothingWritten(bytes.byteLength - offset);
    offset += bytesWritten;
  }
}

/** A write that took no bytes and gave no error would loop for ever: an I/O error, in the file system's terms. */
function nothingWritten(remaining: number): NodeJS.ErrnoException {
  return Object.assign(new Error(`EIO: the file system took none of the last ${remaining} bytes, write`), {
    code: 'EIO',
  });
}
