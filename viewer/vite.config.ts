/**
 * Builds the viewer into viewer/dist as a classic (non-module) script with relative paths, so
 * the built page opens from disk: Chromium refuses module scripts and fetch() on file://.
 * The data file (data/graph.js) is not bundled; the CLI writes it beside the assets.
 */
import { defineConfig, type Plugin } from 'vite';

/** Vite emits `<script type="module" crossorigin>`; a classic deferred script works from file://. */
function classicScript(): Plugin {
  return {
    name: 'litgraph-classic-script',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace(/<script type="module" crossorigin src=/g, '<script defer src=').replace(/<link rel="stylesheet" crossorigin href=/g, '<link rel="stylesheet" href='),
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'error',
  plugins: [classicScript()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: false,
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: { format: 'iife', entryFileNames: 'assets/viewer-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' },
    },
  },
});
