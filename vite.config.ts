import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { atlasForRenderer } from './src-shared/map-geo';

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
const MAP_CODE = /node_modules\/(chartjs-chart-geo|d3-geo|topojson-client)\/|src-shared\/map-geo\.ts$/;

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
        // A first map calls most of the geo code too (chartjs-chart-geo, d3-geo, topojson-client,
        // map-geo.ts): its chunks get the hint, so they are compiled as they stream in.
        const mapCode = Object.values(bundle)
          .filter((file) => file.type === 'chunk' && file.moduleIds.some((id) => MAP_CODE.test(id)))
          .map((file) => file.fileName);
        for (const name of new Set([entry.fileName, ...entry.imports, ...mapCode])) {
          const chunk = bundle[name];
          if (chunk?.type === 'chunk') chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
        }
      },
    },
  };
}

/**
 * `world-atlas/….json?flat-arcs`: the TopoJSON file as a string, each arc one flat list
 * (x0, y0, dx1, dy1, …) instead of a list of two-number lists. The first map on a page
 * parses the whole world: 80,000 small arrays took 17–27 ms of JSON.parse, flat lists
 * about 7 ms (and the file is a fifth smaller). src-shared/map-geo.ts turns the arcs a
 * map decodes back into pairs. It also carries the table of neighbouring countries, worked
 * out here once instead of on the page. The boundaries themselves are unchanged.
 */
function flatArcs(): Plugin {
  const SUFFIX = '?flat-arcs';
  return {
    name: 'briefing-flat-arcs',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const topology = JSON.parse(readFileSync(id.slice(0, -SUFFIX.length), 'utf8')) as Parameters<typeof atlasForRenderer>[0];
      return { code: `export default ${JSON.stringify(JSON.stringify(atlasForRenderer(topology)))};`, map: null };
    },
  };
}

// The renderer: built to dist/renderer and served by Electron's app:// protocol or
// the browser-mode host. Relative base so both can serve it from any root.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [flatArcs(), svelte({ configFile: '../svelte.config.js' }), preloadFonts(), compileHintsForFirstSlide()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
