// npm run bench:reveal — Briefing Desk against reveal.js 6 + Chart.js, side by side in
// one run, with one method (bench/step-method.mjs: drawing calls and frames stamped by
// a script injected before each page's code, no app-specific hook). The same generated
// deck (200 slides, a chart on each) is written as a reveal.js page: a <section> per
// slide with its title and a canvas; Chart.js charts are built for the current slide
// and its neighbours as reveal.js moves (animation off, as ours), the way a reveal.js
// author would keep 200 charts affordable. reveal.js is not a dependency of the
// project: it is fetched from the npm registry once into .bench/peers (git-ignored).
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { generateDeck } from './generate-deck.mjs';
import { launchChromium, measureBriefing, row } from './slides-bench.mjs';
import { CANVAS_INKED, instrument, measureTarget, pct } from './step-method.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const SLIDES = Number(process.env.SLIDES ?? 200);
const REVEAL_VERSION = '6.0.2';
const PEERS = path.join(ROOT, '.bench', 'peers');
const REVEAL_DIR = path.join(PEERS, `reveal.js-${REVEAL_VERSION}`);

function ensureReveal() {
  if (existsSync(path.join(REVEAL_DIR, 'dist', 'reveal.js'))) return;
  mkdirSync(REVEAL_DIR, { recursive: true });
  const tgz = execFileSync('npm', ['pack', `reveal.js@${REVEAL_VERSION}`, '--silent', '--pack-destination', PEERS], { encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', path.join(PEERS, tgz), '-C', REVEAL_DIR, '--strip-components=1']);
}

const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The generated deck as a reveal.js page; returns the folder to serve. */
function writeRevealPage(deck) {
  const dir = path.join(PEERS, `reveal-page-${deck.slides.length}`);
  mkdirSync(dir, { recursive: true });
  const sections = deck.slides
    .map((s) => `<section><h2 style="font-size:40px;margin:0 0 16px">${escapeHtml(s.title)}</h2><div style="position:relative;height:520px"><canvas></canvas></div><p style="font-size:18px">${escapeHtml(s.chart.caption)}</p></section>`)
    .join('\n');
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/reveal/dist/reveal.css"><link rel="stylesheet" href="/reveal/dist/theme/white.css"></head>
<body><div class="reveal"><div class="slides">${sections}</div></div>
<script src="/reveal/dist/reveal.js"></script><script src="/chart/chart.umd.min.js"></script><script src="/deck.js"></script><script src="/show.js"></script></body></html>`,
  );
  writeFileSync(path.join(dir, 'deck.js'), `window.DECK = ${JSON.stringify(deck.slides.map((s) => s.chart))};`);
  writeFileSync(
    path.join(dir, 'show.js'),
    `const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];
function configFor(c) {
  const round = c.type === 'pie' || c.type === 'doughnut';
  const type = c.type === 'horizontal-bar' || c.type === 'stacked-bar' ? 'bar' : c.type;
  const stacked = c.type === 'stacked-bar';
  return {
    type,
    data: { labels: c.labels, datasets: c.series.map((s, k) => ({ label: s.name, data: s.values, backgroundColor: round ? COLOURS : COLOURS[k % 5], borderColor: COLOURS[k % 5] })) },
    options: { animation: false, responsive: true, maintainAspectRatio: false, indexAxis: c.type === 'horizontal-bar' ? 'y' : 'x',
      scales: round ? {} : { x: { stacked }, y: { stacked } } },
  };
}
const sections = document.querySelectorAll('.reveal .slides > section');
const charts = new Map();
function around(i) {
  for (const j of [i, i + 1, i - 1]) {
    if (j < 0 || j >= sections.length || charts.has(j)) continue;
    charts.set(j, new Chart(sections[j].querySelector('canvas'), configFor(DECK[j])));
  }
  for (const [k, chart] of charts) if (Math.abs(k - i) > 1) { chart.destroy(); charts.delete(k); }
}
Reveal.initialize({ hash: false, controls: false, progress: false, transition: 'none', backgroundTransition: 'none', width: 1280, height: 720 })
  .then(() => around(Reveal.getState().indexh));
Reveal.on('slidechanged', (e) => around(e.indexh));`,
  );
  return dir;
}

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf' };

/** A static server for the reveal.js page, reveal.js's dist and Chart.js's UMD build. */
function serveStatic(pageDir) {
  const roots = { '/reveal/': REVEAL_DIR, '/chart/': path.join(ROOT, 'node_modules', 'chart.js', 'dist') };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const prefix = Object.keys(roots).find((p) => url.pathname.startsWith(p));
    const base = prefix ? roots[prefix] : pageDir;
    const file = path.join(base, prefix ? url.pathname.slice(prefix.length) : url.pathname === '/' ? 'index.html' : url.pathname);
    if (!file.startsWith(base) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() })));
}

const revealTarget = (url) => ({
  url,
  slides: SLIDES,
  ready: `(n) => {
    const s = document.querySelectorAll('.reveal .slides > section')[n - 1];
    if (!s || !s.classList.contains('present') || getComputedStyle(s).visibility !== 'visible') return false;
    return (${CANVAS_INKED})(s.querySelector('canvas'));
  }`,
  currentCanvas: `() => document.querySelector('.reveal .slides > section.present canvas')`,
});

ensureReveal();
const peer = await serveStatic(writeRevealPage(generateDeck(SLIDES)));
const browser = await launchChromium();
const rounds = Number(process.env.ROUNDS ?? 2);
const ours = [];
const theirs = [];
// Alternated, so a busy spell of the machine falls on both.
for (let round = 0; round < rounds; round++) {
  ours.push(await measureBriefing(browser, SLIDES));
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(instrument);
  theirs.push(await measureTarget(page, revealTarget(peer.url)));
  await page.close();
}
await browser.close();
peer.close();

const all = (list, key) => list.flatMap((r) => r[key]);
const fig = (list, key, p) => pct(all(list, key), p);
console.log(`\nBriefing Desk vs reveal.js ${REVEAL_VERSION} + Chart.js — ${SLIDES} slides, a chart on each, ${rounds} alternating rounds, headless Chromium 1280×720\n`);
console.log(`${''.padEnd(52)} ${'ours'.padStart(10)} ${'reveal.js'.padStart(10)} ${'ours/reveal'.padStart(12)}`);
const line = (name, a, b, budget) => console.log(`${name.padEnd(52)} ${a.toFixed(1).padStart(10)} ${b.toFixed(1).padStart(10)} ${(a / b).toFixed(2).padStart(12)}   ${budget}`);
line('key → next slide painted, median (ms)', fig(ours, 'steps', 50), fig(theirs, 'steps', 50), '');
line('key → next slide painted, p95 (ms)', fig(ours, 'steps', 95), fig(theirs, 'steps', 95), 'budget ≤ 0.80');
line('key → chart complete, median (ms)', fig(ours, 'complete', 50), fig(theirs, 'complete', 50), '');
line('navigation start → first slide with chart, median (ms)', fig(ours, 'firstPaint', 50), fig(theirs, 'firstPaint', 50), 'budget ≤ 0.50');
line('real key → first listener, p95 (ms)', fig(ours, 'inputDelay', 95), fig(theirs, 'inputDelay', 95), 'budget ours ≤ 3 ms');
line('JS heap after all slides (MB)', Math.max(...ours.map((r) => r.heapMB)), Math.max(...theirs.map((r) => r.heapMB)), '');
row('(first slide, each run, ours)', all(ours, 'firstPaint').map((v) => v.toFixed(0)).join(' '), '');
row('(first slide, each run, reveal.js)', all(theirs, 'firstPaint').map((v) => v.toFixed(0)).join(' '), '');
