import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Points TMPDIR (so `os.tmpdir()` in this process, its test workers and every process they start) at one new folder,
 * and returns what removes it. A machine that runs the suite all day otherwise collects thousands of leftover folders.
 */
export function useTemporaryRoot(label: string): () => void {
  const previous = process.env['TMPDIR'];
  // The machine's own temporary folder, for the one tool that must see it (see test/integration/build/packaging.test.ts).
  process.env['LINKDESK_SYSTEM_TMPDIR'] ??= os.tmpdir();
  const root = mkdtempSync(path.join(os.tmpdir(), `linkdesk-${label}-`));
  process.env['TMPDIR'] = root;
  return () => {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
