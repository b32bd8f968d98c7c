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

/**
 * Marks the chunks the first slide runs (the entry and the chunks it imports statically)
 * with V8's explicit compile hint: their functions are compiled as the script is loaded
 * (on a background thread while it streams in) instead of one by one on the main thread
 * the first time each is called, which is most of them, in the first slide's frame.
 */
function compileHintsForFirstSlide(): Plugin {
  return {
    name: 'briefing-compile-hints',
    apply: 'build',
    enforce: 'post',
    // After minifying (which drops comments) and after Vite's own additions to the entry.
    // A file keeps its name, which hashes the code without this line: the line depends only
    // on which chunks the entry imports, so one name still means one content.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
        if (!entry || entry.type !== 'chunk') return;
        for (const name of [entry.fileName, ...entry.imports]) {
          const chunk = bundle[name];
          if (chunk?.type === 'chunk') chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
        }
      },
    },
  };
}

// The renderer: built to dist/renderer and served by Electron's app:// protocol or
// the browser-mode host. Relative base so both can serve it from any root.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [svelte({ configFile: '../svelte.config.js' }), preloadFonts(), compileHintsForFirstSlide()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
