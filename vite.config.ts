import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';

/** Faces every slide uses (titles bold, text regular): fetched alongside the code, not after the CSS is applied. */
const PRELOADED_FACES = /^assets\/NotoSans-(Regular|Bold)-[\w-]+\.ttf$/;

/** Adds `<link rel="preload">` for the slide faces to the built index.html. */
function preloadFonts(): Plugin {
  return {
    name: 'briefing-preload-fonts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const files = Object.keys(ctx.bundle ?? {}).filter((file) => PRELOADED_FACES.test(file));
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'preload', as: 'font', type: 'font/ttf', href: `./${file}`, crossorigin: '' },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

// The renderer: built to dist/renderer and served by Electron's app:// protocol or
// the browser-mode host. Relative base so both can serve it from any root.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [svelte({ configFile: '../svelte.config.js' }), preloadFonts()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
