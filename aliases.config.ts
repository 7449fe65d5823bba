/**
 * The path aliases, in one place for every tool: vite (electron-vite) and vitest read this file; tsc and tsx read the
 * same mapping from tsconfig.base.json; Playwright reads tsconfig. `@shared/contract` is `src/shared/contract`.
 */
import { resolve } from 'node:path';

export const aliasedFolders = ['shared', 'main', 'renderer', 'sandbox', 'web', 'preload'] as const;

export const aliases = {
  ...Object.fromEntries(aliasedFolders.map((folder) => [`@${folder}`, resolve(import.meta.dirname, 'src', folder)])),
  /** Test helpers (a sandbox, ports, a vault…), for tests only. */
  '@support': resolve(import.meta.dirname, 'test', 'support'),
};
