#!/usr/bin/env node
/**
 * Runs @doyensec/electronegativity over what the app is made of (the main
 * process and shared sources, and the built renderer in dist/renderer) with `-e`
 * set to the installed Electron version, and fails when a finding above
 * "informational" is not explained in docs/security.md.
 *
 * The explanations are the table under "### Electronegativity" in
 * docs/security.md: one row per check and file, with how many findings it
 * explains. More findings than the table explains fail the run; fewer are
 * reported so the table can be trimmed.
 *
 * The tool tries two lookups on the internet (translations, Electron's release
 * list); this machine is offline, so a preload refuses them at once and counts
 * them, and the scan itself reads only local files.
 *
 * Usage: node scripts/electronegativity.mjs   (needs `npm run build` first for dist/renderer)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const DOC = path.join(root, 'docs', 'security.md');

/** The Electron version the app is built with: the installed package, else the range in package.json. */
function electronVersion() {
  try {
    return require('electron/package.json').version;
  } catch {
    const range = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies?.electron ?? '';
    const m = /\d+\.\d+\.\d+/.exec(range);
    if (!m) throw new Error('cannot tell the Electron version: electron is not installed and package.json names no version');
    return m[0];
  }
}

/** Rows of the Electronegativity table in docs/security.md: `CHECK` `file` count. */
export function explainedFindings(markdown) {
  const start = markdown.search(/^### Electronegativity\b/m);
  if (start < 0) throw new Error('docs/security.md has no "### Electronegativity" section');
  const rest = markdown.slice(markdown.indexOf('\n', start) + 1);
  const end = rest.search(/^#{1,3} /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  const explained = new Map();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 6) continue;
    const check = /^`([A-Z0-9_]+)`$/.exec(cells[1]);
    const file = /^`([^`]+)`$|^\((global)\)$/.exec(cells[2]);
    const count = /^\d+$/.test(cells[3]) ? Number(cells[3]) : NaN;
    if (!check || !file || Number.isNaN(count)) continue;
    if (!cells[5]) throw new Error(`docs/security.md: ${check[1]} at ${cells[2]} has no reason`);
    explained.set(`${check[1]} ${file[1] ?? '(global)'}`, count);
  }
  return explained;
}

/** Findings from the tool's CSV (its `sample` column is not quoted, so only the leading columns are read). */
export function parseFindings(csv) {
  const findings = [];
  for (const line of csv.split('\n')) {
    const m = /^([A-Z0-9_]+),"([A-Z]+)","([A-Z]+)","([^"]*)","(\d+):(\d+)"/.exec(line);
    if (!m) continue;
    const [, check, severity, confidence, file, row] = m;
    findings.push({ check, severity, confidence, file: file === 'N/A' ? '(global)' : file, line: Number(row) });
  }
  return findings;
}

function main() {
  const renderer = path.join(root, 'dist', 'renderer');
  if (!existsSync(path.join(renderer, 'index.html'))) {
    console.error('electronegativity: dist/renderer is missing; run `npm run build` first');
    return 2;
  }
  const version = electronVersion();
  const stage = mkdtempSync(path.join(tmpdir(), 'electronegativity-'));
  try {
    // One folder holding what ships, so global checks (CSP, navigation limits) see main and renderer together.
    for (const part of ['src-main', 'src-shared']) cpSync(path.join(root, part), path.join(stage, 'scan', part), { recursive: true });
    cpSync(renderer, path.join(stage, 'scan', 'dist', 'renderer'), { recursive: true });
    cpSync(path.join(root, 'package.json'), path.join(stage, 'scan', 'package.json'));
    const guard = path.join(stage, 'offline.cjs');
    const attempts = path.join(stage, 'attempts.log');
    writeFileSync(attempts, '');
    writeFileSync(
      guard,
      `const fs = require('node:fs');
const deny = (name) => function () { fs.appendFileSync(${JSON.stringify(attempts)}, name + '\\n'); throw new Error('offline: ' + name); };
require('node:net').connect = require('node:net').createConnection = deny('net.connect');
require('node:tls').connect = deny('tls.connect');
require('node:dns').lookup = deny('dns.lookup');
`,
    );
    const out = path.join(stage, 'findings.csv');
    const tool = require.resolve('@doyensec/electronegativity/dist/index.js');
    const run = spawnSync(process.execPath, ['--require', guard, tool, '-i', path.join(stage, 'scan'), '-e', version, '-r', '-v', 'false', '-o', out], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'en-US' },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0 || !existsSync(out)) {
      console.error(run.stdout, run.stderr);
      console.error(`electronegativity: the scan itself failed (exit ${run.status})`);
      return 2;
    }
    const findings = parseFindings(readFileSync(out, 'utf8'));
    const blocked = readFileSync(attempts, 'utf8').split('\n').filter(Boolean).length;
    const explained = explainedFindings(readFileSync(DOC, 'utf8'));
    const serious = findings.filter((f) => f.severity !== 'INFORMATIONAL');
    const counts = new Map();
    for (const f of serious) counts.set(`${f.check} ${f.file}`, (counts.get(`${f.check} ${f.file}`) ?? 0) + 1);

    console.log(`electronegativity ${require('@doyensec/electronegativity/package.json').version}, Electron ${version}: ${findings.length} findings, ${serious.length} above informational`);
    for (const f of findings) console.log(`  ${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.check.padEnd(42)} ${f.file}${f.line ? `:${f.line}` : ''}`);
    console.log(`  (${blocked} attempt(s) by the tool to reach the internet were refused; the scan is local)`);

    const unexplained = [...counts].filter(([key, n]) => n > (explained.get(key) ?? 0));
    for (const [key, allowed] of explained) {
      if ((counts.get(key) ?? 0) < allowed) console.log(`  note: docs/security.md explains ${allowed} × ${key} but the scan found ${counts.get(key) ?? 0}; trim the table`);
    }
    if (unexplained.length) {
      console.error('electronegativity: findings above informational that docs/security.md does not explain:');
      for (const [key, n] of unexplained) console.error(`  ${key}: ${n} found, ${explained.get(key) ?? 0} explained`);
      console.error('Fix them, or add a row with the reason to the "### Electronegativity" table in docs/security.md.');
      return 1;
    }
    console.log(`electronegativity: every finding above informational is explained in docs/security.md (${explained.size} rows)`);
    return 0;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
