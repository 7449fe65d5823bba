import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vitest/config';
import { aliases } from './aliases.config.ts';

/** electron-vite resolves `import x from './file.png?asset'` to a path at build time; do the same in tests. */
function assetPaths(): Plugin {
  return {
    name: 'linkdesk-asset-paths',
    enforce: 'pre',
    resolveId(id, importer) {
      if (!id.endsWith('?asset')) return null;
      const file = path.resolve(path.dirname(importer ?? ''), id.slice(0, -'?asset'.length));
      return `\0asset:${file}`;
    },
    load(id) {
      return id.startsWith('\0asset:') ? `export default ${JSON.stringify(id.slice('\0asset:'.length))};` : null;
    },
  };
}

export default defineConfig({
  plugins: [assetPaths()],
  resolve: { alias: aliases },
  test: {
    // electron-store is ESM that imports `electron`; inlining lets vi.mock('electron') reach it.
    server: { deps: { inline: ['electron-store'] } },
    testTimeout: 15_000,
    // Every temporary folder the tests make lives under one root, removed when the run ends.
    globalSetup: ['test/support/vitest-global-setup.ts'],
    restoreMocks: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/contract/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Renderer components in a DOM (jsdom), with the bridge mocked at its one module (@renderer/api).
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
    ],
  },
});
