/**
 * A real, small disk for tests of what happens when it fills up: a tmpfs mounted on a folder of the test's own.
 * Mounting needs root (CI runs as root); where this machine cannot mount, `smallDiskUnavailable()` says why, so the
 * test is skipped with that reason instead of passing without having tried.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface SmallDisk {
  /** The mounted folder: everything written under it counts against the disk's size. */
  folder: string;
  /** Takes every free byte (a filler file), then gives back `leaveBytes` (whole pages) so a write can get part-way. */
  fill(leaveBytes?: number): void;
  /** Frees what `fill` took. */
  free(): void;
  /** Unmounts it; safe to call twice, and after a failed test. */
  unmount(): void;
}

/** Why no small disk can be mounted here (not root, mount refused), or null when one can. */
export function smallDiskUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'mounting a small tmpfs needs root, and this process is not root';
  const probe = mountSmallDisk(64 * 1024);
  if (typeof probe === 'string') return probe;
  probe.unmount();
  return null;
}

/** Mounts a tmpfs of `sizeBytes`; returns it, or why it could not (the mount's own words). */
export function mountSmallDisk(sizeBytes: number): SmallDisk | string {
  const parent = mkdtempSync(path.join(tmpdir(), 'linkdesk-small-disk-'));
  const folder = path.join(parent, 'disk');
  mkdirSync(folder);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0700`, 'tmpfs', folder], {
    encoding: 'utf8',
  });
  if (mounted.status !== 0) {
    rmSync(parent, { recursive: true, force: true });
    const why = mounted.stderr || mounted.error?.message || `exit ${mounted.status}`;
    return `mount refused a tmpfs here: ${why.trim().replace(/\s+/g, ' ')}`;
  }
  const filler = path.join(folder, 'filler');
  let isMounted = true;
  return {
    folder,
    fill(leaveBytes = 0) {
      const page = statfsSync(folder).bsize;
      const chunk = Buffer.alloc(64 * 1024, 0x78);
      const handle = openSync(filler, 'w');
      let size = 0;
      try {
        for (;;) size += writeSync(handle, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
      // Whole pages back, so exactly that much can be written before the disk is full again.
      ftruncateSync(handle, Math.max(0, Math.floor(size / page) * page - leaveBytes));
      closeSync(handle);
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      if (!isMounted) return;
      // A lazy unmount as the fallback: a handle a failed test left open must not keep the mount for ever.
      if (spawnSync('umount', [folder]).status !== 0) spawnSync('umount', ['-l', folder]);
      isMounted = false;
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
