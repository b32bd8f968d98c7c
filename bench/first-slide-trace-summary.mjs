// Summarises a Chromium trace of one page load (bench/first-slide-trace.mjs MODE=trace):
// the renderer main thread's work from navigation start to the first slide, by kind of
// event (self time of the trace's timeline events), and the tasks over 2 ms in order.
// Usage: node bench/first-slide-trace-summary.mjs TRACE.json [READY_MS]
import fs from 'node:fs';

const raw = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const events = Array.isArray(raw) ? raw : raw.traceEvents;
const readyMs = process.argv[3] ? Number(process.argv[3]) : Infinity;
// The renderer's main thread that ran the page: the CrRendererMain with the most work.
const names = new Map();
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
const busy = new Map();
for (const e of events) if (e.ph === 'X' && names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain') busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
const main = [...busy].sort((a, b) => b[1] - a[1])[0][0];
// Navigation start (performance.now()'s origin): the page marks 'first-slide-ready' at READY_MS.
const mark = events.filter((e) => e.name === 'first-slide-ready').map((e) => e.ts).pop();
const t0 = mark !== undefined && Number.isFinite(readyMs) ? mark - readyMs * 1000 : Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
const end = t0 + readyMs * 1000;
const xs = events
  .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.ts >= t0 && e.ts < end && e.dur !== undefined)
  .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
// Self time: each event's duration less its children's (events nest on one thread).
const self = new Map();
const stack = [];
const tops = [];
for (const e of xs) {
  while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
  const parent = stack.at(-1);
  if (parent) parent.childDur = (parent.childDur ?? 0) + e.dur;
  else tops.push(e);
  e.depth = stack.length;
  stack.push(e);
}
const label = (e) => {
  const d = e.args?.data ?? {};
  const url = d.url ?? d.stackTrace?.[0]?.url ?? e.args?.fileName ?? '';
  return url ? `${e.name} ${String(url).split('/').pop().slice(0, 40)}` : e.name;
};
for (const e of xs) {
  const k = ['EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'v8.produceModuleCache', 'ResourceReceivedData'].includes(e.name) ? label(e) : e.name;
  self.set(k, (self.get(k) ?? 0) + e.dur - (e.childDur ?? 0));
}
const total = tops.reduce((s, e) => s + e.dur, 0);
console.log(`main thread busy ${(total / 1000).toFixed(1)} ms of ${Number.isFinite(readyMs) ? readyMs.toFixed(0) : '?'} ms from navigation start`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 30))) if (v > 300) console.log(`${(v / 1000).toFixed(1).padStart(7)}  ${k}`);
console.log('--- tasks over 2 ms (start, duration from navigation start; largest inner events)');
for (const e of tops) {
  if (e.dur < 2000) continue;
  const inner = xs.filter((x) => x.ts >= e.ts && x.ts < e.ts + e.dur && x.depth >= 1 && x.depth <= 3 && x.dur > 1000).sort((a, b) => b.dur - a.dur).slice(0, 5);
  console.log(`${((e.ts - t0) / 1000).toFixed(0).padStart(6)} +${(e.dur / 1000).toFixed(1).padStart(6)}  ${inner.map((x) => `${label(x)} ${(x.dur / 1000).toFixed(1)}`).join(' | ')}`);
}
