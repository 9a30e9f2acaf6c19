// Build settings for the desktop app (electron-vite: main, preload, renderer) and for the
// renderer alone (web mode). One place, so the window and the browser get the same bundle.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = path.join(ROOT, 'out');

/** Vite settings of the renderer, shared by both builds. */
export function rendererConfig() {
  return {
    root: path.join(ROOT, 'renderer'),
    // Relative asset URLs: the window loads the page from file://, the browser from /.
    base: './',
    plugins: [vue()],
    logLevel: 'warn',
    build: {
      outDir: path.join(OUT, 'renderer'),
      emptyOutDir: true,
      target: 'chrome120',
      chunkSizeWarningLimit: 1500,
      rollupOptions: { input: path.join(ROOT, 'renderer', 'index.html') },
      rolldownOptions: { input: path.join(ROOT, 'renderer', 'index.html'), checks: { pluginTimings: false } },
    },
  };
}

export function electronViteConfig() {
  return {
    main: {
      logLevel: 'warn',
      build: {
        outDir: path.join(OUT, 'main'),
        rollupOptions: { input: { index: path.join(ROOT, 'electron', 'main', 'index.ts') } },
      },
    },
    preload: {
      logLevel: 'warn',
      build: {
        outDir: path.join(OUT, 'preload'),
        // A sandboxed preload can require nothing but electron: one self-contained CommonJS file.
        externalizeDeps: false,
        rollupOptions: {
          input: { index: path.join(ROOT, 'electron', 'preload', 'index.ts') },
          external: ['electron'],
          output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
        },
      },
    },
    renderer: rendererConfig(),
  };
}
