// Summarises a V8 .cpuprofile (node --cpu-prof, or a Chromium profile): self time by
// package, self time by function, and inclusive time by function, in ms.
// Usage: node bench/cpuprofile-summary.mjs FILE.cpuprofile
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
const here = pathToFileURL(process.cwd()).href + '/';
const p = JSON.parse(fs.readFileSync(process.argv[2]));
const byId = new Map(p.nodes.map(n => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas; let total = 0;
for (let i = 0; i < p.samples.length; i++) { const d = dt[i] || 0; total += d; self.set(p.samples[i], (self.get(p.samples[i]) || 0) + d); }
const byUrl = new Map(), byFn = new Map();
for (const [id, t] of self) { const n = byId.get(id); const cf = n.callFrame;
  let u = cf.url.replace(/.*node_modules\//, 'nm/').replace(here, ''); const pkg = u.startsWith('nm/') ? u.split('/').slice(0, u.split('/')[1].startsWith('@') ? 3 : 2).join('/') : u || '(' + cf.functionName + ')';
  byUrl.set(pkg, (byUrl.get(pkg) || 0) + t);
  const k = cf.functionName + ' ' + u.split('/').pop() + ':' + cf.lineNumber; byFn.set(k, (byFn.get(k) || 0) + t); }
console.log('total ms', (total / 1000).toFixed(0));
const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => (v / 1000).toFixed(1).padStart(8) + ' ' + k).join('\n');
console.log(top(byUrl, 25)); console.log('---'); console.log(top(byFn, 30));
// inclusive time for named functions
const parent = new Map(); for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
const incl = new Map();
for (const [id, t] of self) { const seen = new Set(); let x = id; while (x !== undefined) { const n = byId.get(x); const k = n.callFrame.functionName + ' ' + n.callFrame.url.split('/').pop() + ':' + n.callFrame.lineNumber; if (!seen.has(k)) { incl.set(k, (incl.get(k) || 0) + t); seen.add(k); } x = parent.get(x); } }
console.log('--- inclusive'); console.log(top(incl, 60));
