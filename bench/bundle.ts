/**
 * The renderer's built bundle (`out/renderer`, after `npm run build`), gzip: what index.html loads at start, everything,
 * and each chunk loaded on first use (the command palette, the Follow-ups page, Link completion, the Inbox…), by name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleBench {
  /** Every script and style index.html loads (or preloads) at start. */
  atStartGzipKiB: number;
  /** Every script and style the renderer may load. */
  allGzipKiB: number;
  /** Each chunk loaded on first use: its own JS and CSS (`CommandPalette`, `InboxPage`, …). */
  onFirstUseGzipKiB: Record<string, number>;
}

export function benchBundle(): BundleBench {
  const assets = path.resolve('out/renderer/assets');
  const indexHtml = readFileSync(path.resolve('out/renderer/index.html'), 'utf8');
  const files = readdirSync(assets).filter((file) => /\.(js|css)$/.test(file));
  if (files.length === 0) throw new Error(`No scripts in ${assets}: run npm run build first.`);
  const gzipKiB = (names: string[]) =>
    names.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(assets, file))).length, 0) / 1024;
  const atStart = files.filter((file) => indexHtml.includes(`assets/${file}`));
  // Vite names a chunk `<name>-<hash>.js`, its styles `<name>-<hash>.css`.
  const chunkName = (file: string) => file.replace(/-[\w-]{8}\.(js|css)$/, '');
  const startNames = new Set(atStart.map(chunkName));
  const lazyNames = [...new Set(files.map(chunkName))].filter((name) => !startNames.has(name)).sort();
  return {
    atStartGzipKiB: gzipKiB(atStart),
    allGzipKiB: gzipKiB(files),
    onFirstUseGzipKiB: Object.fromEntries(
      lazyNames.map((name) => [name, gzipKiB(files.filter((file) => chunkName(file) === name))]),
    ),
  };
}
