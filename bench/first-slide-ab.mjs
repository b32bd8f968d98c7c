// npm run bench:first-ab — navigation start → first slide with its chart inked, this
// build against another checkout's build (BASE=/path/to/checkout, built with `npm run
// build`), alternated in rounds in one browser so both see the same machine. The same
// generated 200-slide deck (or DECK=file); 5 warm loads per round and build (a cold first load each
// round is dropped). Prints median and quartiles of each.
import { spawn } from 'node:child_process';
import { launchChromium, briefingTarget } from './slides-bench.mjs';
import { generateDeck } from './generate-deck.mjs';
import { CANVAS_INKED, instrument, pct } from './step-method.mjs';
import { createReadStream, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'; import http from 'node:http'; import { tmpdir } from 'node:os'; import path from 'node:path';
if (!process.env.BASE) {
  console.error('Set BASE to another checkout of Briefing Desk, built (npm run build), to compare with.');
  process.exit(2);
}
const roots = { now: path.resolve(import.meta.dirname, '..'), base: path.resolve(process.env.BASE) };
/** The reveal.js page, reveal.js and Chart.js's UMD build, as bench/reveal-bench.mjs serves them. */
function serveRevealPage(pageDir, revealRoot) {
  const mounts = { '/reveal/': revealRoot, '/chart/': path.join(import.meta.dirname, '..', 'node_modules', 'chart.js', 'dist') };
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const prefix = Object.keys(mounts).find((p) => url.pathname.startsWith(p));
    const base = prefix ? mounts[prefix] : pageDir;
    const file = path.join(base, prefix ? url.pathname.slice(prefix.length) : url.pathname === '/' ? 'index.html' : url.pathname);
    if (!file.startsWith(base) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, stop: () => server.close() })));
}
const revealTarget = (url) => ({
  url,
  ready: `(n) => {
    const s = document.querySelectorAll('.reveal .slides > section')[n - 1];
    if (!s || !s.classList.contains('present') || getComputedStyle(s).visibility !== 'visible') return false;
    return (${CANVAS_INKED})(s.querySelector('canvas'));
  }`,
});
async function serve(root, deckPath, dataDir) {
  const child = spawn(process.execPath, [path.join(root, 'bin/briefing.cjs'), 'serve', deckPath, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve) => { let out = ''; child.stdout.on('data', (c) => { out += c; const m = /ready at (\S+)/.exec(out); if (m) resolve(m[1]); }); });
  return { url, stop: () => child.kill('SIGTERM') };
}
const dir = mkdtempSync(path.join(tmpdir(), 'ab-'));
// DECK=file: that deck instead (e.g. one that opens on a map); the slide count comes from it.
const deck = process.env.DECK ? JSON.parse(readFileSync(process.env.DECK, 'utf8')) : generateDeck(200);
const deckPath = path.join(dir, 'd.briefing.json'); writeFileSync(deckPath, JSON.stringify(deck));
const servers = { now: await serve(roots.now, deckPath, path.join(dir, 'dn')), base: await serve(roots.base, deckPath, path.join(dir, 'db')) };
// REVEAL=1: reveal.js's page of the same deck (as `npm run bench:reveal` writes it into
// .bench/peers; run that once first) takes turns too, measured the same way.
const REVEAL = process.env.REVEAL === '1';
const revealDir = path.join(import.meta.dirname, '..', '.bench', 'peers');
if (REVEAL) servers.reveal = await serveRevealPage(path.join(revealDir, 'reveal-page-200'), path.join(revealDir, 'reveal.js-6.0.2'));
const browser = await launchChromium();
const res = { now: [], base: [], reveal: [] };
// COLD=1: every load in a fresh browser context (a new renderer process, nothing cached),
// as when the app starts; otherwise warm reloads in one page, the first of six dropped.
const COLD = process.env.COLD === '1';
const firstSlideOnly = (page, t) => page.evaluate(`new Promise((resolve) => { const ready = ${t.ready}; const tick = () => ready(1) ? setTimeout(() => resolve(performance.now()), 0) : requestAnimationFrame(tick); requestAnimationFrame(tick); })`);
// What the figure is made of (read after it, so it does not change it): the navigation's
// DOMContentLoaded and load event ends, and the first and last drawing call on slide 1's canvas.
const parts = { now: [], base: [], reveal: [] };
const partsOf = (page) =>
  page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const canvas = document.querySelector('[role=region][aria-label^="Slide 1 of "] canvas') ?? document.querySelector('.reveal .slides > section canvas');
    const draws = (window.__draws ?? []).filter((d) => d.canvas === canvas);
    return { dcl: nav?.domContentLoadedEventEnd ?? NaN, load: nav?.loadEventEnd ?? NaN, ink: draws[0]?.t ?? NaN, inked: draws.at(-1)?.t ?? NaN };
  });
let current = 'now';
const firstSlide = async (page, t, keep = true) => {
  const value = await firstSlideOnly(page, t);
  const made = await partsOf(page);
  if (keep) parts[current].push(made);
  return value;
};
const kinds = REVEAL ? ['now', 'base', 'reveal'] : ['now', 'base'];
for (let round = 0; round < Number(process.env.ROUNDS ?? 4); round++) for (const k of kinds) {
  current = k;
  const t = k === 'reveal' ? revealTarget(servers.reveal.url) : briefingTarget(servers[k].url, deck.slides.length);
  if (COLD) {
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await page.addInitScript(instrument);
      await page.goto(t.url);
      res[k].push(await firstSlide(page, t));
      await context.close();
    }
    continue;
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(instrument);
  for (let i = 0; i < 6; i++) { await page.goto(t.url); const v = await firstSlide(page, t, i > 0); if (i > 0) res[k].push(v); }
  await page.close();
}
await browser.close(); for (const server of Object.values(servers)) server.stop();
console.log(`first slide with chart, ${res.now.length} ${COLD ? 'cold loads (fresh context each)' : 'warm loads'} each (this build: ${roots.now}; base: ${roots.base})`);
for (const k of kinds) console.log(k.padEnd(6), 'median', pct(res[k], 50).toFixed(0), 'p25', pct(res[k], 25).toFixed(0), 'p75', pct(res[k], 75).toFixed(0), 'n', res[k].length);
console.log('parts (medians, ms from navigation start): DOMContentLoaded end, load event end, first and last draw on slide 1\'s canvas');
if (REVEAL) console.log(`ours / reveal.js, medians: now ${(pct(res.now, 50) / pct(res.reveal, 50)).toFixed(2)}, base ${(pct(res.base, 50) / pct(res.reveal, 50)).toFixed(2)}`);
for (const k of kinds) {
  const m = (key) => pct(parts[k].map((p) => p[key]).filter(Number.isFinite), 50)?.toFixed(0);
  const after = res[k].map((v, i) => v - parts[k][i]?.inked).filter(Number.isFinite);
  console.log(k.padEnd(6), 'dcl', m('dcl'), 'load', m('load'), 'first ink', m('ink'), 'last ink', m('inked'), 'figure − last ink', pct(after, 50)?.toFixed(0));
}
