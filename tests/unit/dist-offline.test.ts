/**
 * No remote fonts, scripts, styles or requests anywhere in the build: scans the
 * built renderer (`dist/renderer`, made by `npm run build`, which `npm test` runs
 * first) for every absolute URL. HTML and CSS may hold none that load anything;
 * every URL in the scripts must be on the explained allowlist below, and none of
 * those may sit where something is fetched, imported or loaded. The main
 * process's sources are scanned for ways out to the network too.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const DIST = path.join(ROOT, 'dist', 'renderer');

/**
 * URLs that may appear in the built scripts, each with why it is harmless. They are
 * text (names, not addresses to load); the test below also checks that none of them is
 * passed to anything that loads.
 */
const ALLOWED_URLS: { pattern: RegExp; why: string }[] = [
  { pattern: /^http:\/\/www\.w3\.org\/(1999\/xhtml|2000\/svg|1999\/xlink|1998\/Math\/MathML|XML\/1998\/namespace|2000\/xmlns\/?)$/, why: 'XML namespace names (Svelte creates SVG/MathML elements with them); never fetched' },
  { pattern: /^https?:\/\/$/, why: 'a bare scheme with no host: the source editor\'s words "http:// or https://" in a hint and a message; nothing to load' },
  { pattern: /^https:\/\/svelte\.dev\/e\/[a-z_]+$/, why: "Svelte's error messages name the page that explains them; shown as text in the console, never requested" },
];

/** Where a URL would be loaded rather than merely mentioned. */
const LOADING_CONTEXT = /(fetch|import|importScripts|XMLHttpRequest|open|WebSocket|EventSource|sendBeacon|Worker|SharedWorker|register|src|href|action|url|location|assign|replace)\s*[(=:]\s*[`'"]?$/i;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

/** Every absolute or protocol-relative URL in text, with the 40 characters before it. */
function urlsIn(text: string): { url: string; before: string }[] {
  const out: { url: string; before: string }[] = [];
  for (const m of text.matchAll(/(?:https?|wss?|ftp):\/\/[^\s"'`()<>\\]+/gi)) {
    out.push({ url: m[0].replace(/[.,;]+$/, ''), before: text.slice(Math.max(0, (m.index ?? 0) - 40), m.index) });
  }
  return out;
}

const built = existsSync(path.join(DIST, 'index.html'));
if (!built) console.warn(`the dist/ scan is skipped: ${DIST}/index.html does not exist (run npm run build; npm test builds first)`);

describe.skipIf(!built)(`the built renderer (dist/renderer)${built ? '' : ' (skipped: dist/renderer is not built; npm run build)'}`, () => {
  const files = built ? filesUnder(DIST) : [];
  const rel = (f: string) => path.relative(DIST, f);
  const ofType = (ext: RegExp) => files.filter((f) => ext.test(f));

  it('has HTML, scripts, styles and fonts to scan', () => {
    expect(ofType(/\.html$/).length).toBeGreaterThanOrEqual(1);
    expect(ofType(/\.m?js$/).length).toBeGreaterThanOrEqual(1);
    expect(ofType(/\.css$/).length).toBeGreaterThanOrEqual(1);
    expect(ofType(/\.(ttf|woff2?|otf)$/).length).toBeGreaterThanOrEqual(1);
  });

  it('HTML loads only files that are in the folder: no http(s), no //host, no data: scripts', () => {
    for (const file of ofType(/\.html?$/)) {
      const html = readFileSync(file, 'utf8');
      expect(urlsIn(html).map((u) => u.url), rel(file)).toEqual([]);
      for (const m of html.matchAll(/\b(src|href|srcset|action|poster|data|content)\s*=\s*["']([^"']*)["']/gi)) {
        const [, attr, value] = m;
        if (attr.toLowerCase() === 'content') {
          expect(value, `${rel(file)}: meta content`).not.toMatch(/url\s*=|\/\//i);
          continue;
        }
        expect(value, `${rel(file)}: ${attr}`).not.toMatch(/^(\/\/|[a-z][a-z0-9+.-]*:)/i);
        // Local references must exist, so nothing falls back to a network lookup.
        const target = path.resolve(path.dirname(file), value.split(/[?#]/)[0]);
        expect(existsSync(target), `${rel(file)}: ${attr}="${value}"`).toBe(true);
      }
      expect(html, rel(file)).not.toMatch(/http-equiv\s*=\s*["']refresh/i);
      expect(html, rel(file)).not.toMatch(/rel\s*=\s*["'](preconnect|dns-prefetch|prerender)/i);
    }
  });

  it('SVG images name only XML namespaces, and hold no script', () => {
    for (const file of ofType(/\.svg$/)) {
      const svg = readFileSync(file, 'utf8');
      const urls = urlsIn(svg).map((u) => u.url);
      expect(urls.filter((u) => !/^http:\/\/www\.w3\.org\//.test(u)), rel(file)).toEqual([]);
      expect(svg, rel(file)).not.toMatch(/<script|\bon\w+\s*=|href\s*=\s*["'](?!#)/i);
    }
  });

  it('CSS has no remote url(), no @import of anything remote, and every font is a file in the folder', () => {
    for (const file of ofType(/\.css$/)) {
      const css = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      expect(urlsIn(css).map((u) => u.url), rel(file)).toEqual([]);
      expect(css, rel(file)).not.toMatch(/@import\s+(url\()?\s*["']?(https?:|\/\/)/i);
      for (const m of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/gi)) {
        const ref = m[1].trim();
        if (ref.startsWith('data:')) continue;
        expect(ref, `${rel(file)}: url(${ref})`).not.toMatch(/^(\/\/|[a-z][a-z0-9+.-]*:)/i);
        expect(existsSync(path.resolve(path.dirname(file), ref.split(/[?#]/)[0])), `${rel(file)}: url(${ref}) is not in dist`).toBe(true);
      }
      for (const face of css.match(/@font-face\s*{[^}]*}/gi) ?? []) expect(face).toMatch(/src:\s*url\(\.?\.?\/?[\w./-]+\.(ttf|woff2?|otf)\)/);
    }
  });

  it('scripts mention only allowlisted URLs, and never where something would be loaded', () => {
    const unexplained: string[] = [];
    const loaded: string[] = [];
    for (const file of ofType(/\.m?js$/)) {
      const js = readFileSync(file, 'utf8');
      for (const { url, before } of urlsIn(js)) {
        if (!ALLOWED_URLS.some((a) => a.pattern.test(url))) unexplained.push(`${rel(file)}: ${url}`);
        if (LOADING_CONTEXT.test(before)) loaded.push(`${rel(file)}: …${before}${url}`);
      }
      // Protocol-relative addresses in string literals ("//cdn.example/x.js").
      for (const m of js.matchAll(/["'`]\/\/[a-z0-9-]+(\.[a-z0-9-]+)+[/:"'`]/gi)) unexplained.push(`${rel(file)}: ${m[0]}`);
    }
    expect(unexplained, 'URLs in the build that no one has explained: add them to ALLOWED_URLS with a reason, or remove them').toEqual([]);
    expect(loaded).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    // The scanner on known-bad text, so a broken pattern cannot pass silently.
    expect(urlsIn('@import url(https://fonts.googleapis.com/css2?family=Inter);').map((u) => u.url)).toEqual(['https://fonts.googleapis.com/css2?family=Inter']);
    const [u] = urlsIn('fetch("https://api.example.com/x")');
    expect(LOADING_CONTEXT.test(u.before)).toBe(true);
    expect(ALLOWED_URLS.some((a) => a.pattern.test('https://cdn.example.com/chart.js'))).toBe(false);
    expect(ALLOWED_URLS.some((a) => a.pattern.test('http://www.w3.org/2000/svg'))).toBe(true);
  });
});

describe('the main process sources (src-main, src-shared)', () => {
  const sources = [...filesUnder(path.join(ROOT, 'src-main')), ...filesUnder(path.join(ROOT, 'src-shared'))].filter((f) => /\.ts$/.test(f));
  const code = (file: string) =>
    readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');

  it('make no request of their own: no fetch, http(s).request/get, sockets, DNS, WebSocket or Electron net', () => {
    const found: string[] = [];
    for (const file of sources) {
      const text = code(file);
      const patterns = [
        /\bfetch\s*\(/,
        /\bhttps?\.(request|get)\s*\(/,
        /\b(net|tls)\.(connect|createConnection)\s*\(/,
        /\bdns\.\w+\s*\(/,
        /\bnew\s+(WebSocket|XMLHttpRequest|EventSource)\b/,
        /\bnet\.(request|fetch)\s*\(/,
        /from\s+['"](node:)?(https|tls|dns|dgram|http2)['"]/,
        /from\s+['"](undici|axios|got|node-fetch)['"]/,
        /require\(\s*['"](node:)?(http|https|net|tls|dns)['"]\s*\)/,
      ];
      for (const p of patterns) if (p.test(text)) found.push(`${path.relative(ROOT, file)}: ${p}`);
    }
    expect(found).toEqual([]);
  });

  it('use node:http only to serve browser mode, and node:net only for a type', () => {
    const users = sources.filter((f) => /from\s+['"](node:)?(http|net)['"]/.test(code(f))).map((f) => path.relative(ROOT, f));
    expect(users).toEqual(['src-main/host/host-server.ts']);
    const host = code(path.join(ROOT, 'src-main/host/host-server.ts'));
    expect(host).toMatch(/import type \{ AddressInfo \} from 'node:net'/);
    expect(host.match(/\bhttp\.\w+/g)).toEqual(['http.createServer']);
  });
});
