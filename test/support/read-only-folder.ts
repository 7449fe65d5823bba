/**
 * Makes a folder truly read-only for this process, so tests can prove what happens when a write is refused.
 * `chmod` does not stop root (tests often run as root in containers); there the folder is made immutable with
 * `chattr +i`, which stops root too. Returns how to undo it, or null where neither works (say why and skip).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';

export function makeFolderReadOnly(folder: string): (() => void) | null {
  if (process.getuid?.() !== 0) {
    chmodSync(folder, 0o555);
    return refusesWrites(folder) ? () => chmodSync(folder, 0o755) : (chmodSync(folder, 0o755), null);
  }
  if (spawnSync('chattr', ['+i', folder]).status !== 0) return null;
  const undo = () => void spawnSync('chattr', ['-i', folder]);
  if (refusesWrites(folder)) return undo;
  undo();
  return null;
}

function refusesWrites(folder: string): boolean {
  const probe = path.join(folder, '.write-probe');
  try {
    writeFileSync(probe, '');
  } catch {
    return true;
  }
  rmSync(probe, { force: true });
  return false;
}
