import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { aliases } from './aliases.config.ts';

export default defineConfig({
  main: {
    resolve: { alias: aliases },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The web host and the sandbox run in plain Node; they are built alongside main. The SVG sanitiser runs
        // in a worker thread started from its own file (src/main/branding/images.ts).
        input: {
          index: resolve('src/main/electron/index.ts'),
          web: resolve('src/web/index.ts'),
          sandbox: resolve('src/sandbox/cli.ts'),
          'svg-worker': resolve('src/main/branding/svg-worker.ts'),
        },
        // Shared chunks sit beside the entries (not in chunks/), so that whichever file images.ts ends up in finds
        // the worker as ./svg-worker.js.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    resolve: { alias: aliases },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload may only require('electron'): one self-contained CommonJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    resolve: { alias: aliases },
    build: {
      outDir: 'out/renderer',
      minify: true,
      // One bundle loaded from disk by a desktop app (about 150 kB gzipped): the web-page default of 500 kB is noise.
      chunkSizeWarningLimit: 800,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
