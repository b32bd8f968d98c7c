/**
 * `briefing import` as a person runs it: the project's outline becomes a deck
 * file that passes `briefing check --strict` and exports to a PDF whose text has
 * the slides; warnings name their line; nothing is ever overwritten.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { popplerMissing, pdfText } from './pdf-tools';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'bin/briefing.cjs');
const OUTLINE = path.join(ROOT, 'tests/fixtures/outline.md');
const built = existsSync(path.join(ROOT, 'build/cli.cjs'));
if (!built) console.warn('briefing import as a real process is skipped: build/cli.cjs is missing (run `npm run build`; npm test builds first)');
const noPoppler = popplerMissing();

const briefing = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefing-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(built)('briefing import (real process)', () => {
  it('imports the outline: one summary line, warnings with line numbers, a deck that passes check --strict', () => {
    const out = path.join(dir, 'harbour.briefing.json');
    const res = briefing('import', OUTLINE, '-o', out);
    expect(res.status).toBe(0);
    expect(res.stdout).toBe(`Imported 11 slides from ${OUTLINE} into ${out} (4 warnings: see above).\n`);
    const warnings = res.stderr.trim().split('\n');
    expect(warnings).toHaveLength(4);
    for (const line of warnings) expect(line).toMatch(new RegExp(`^${OUTLINE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: warning: `));
    expect(warnings[2]).toContain('a table cannot be shown on a slide');
    const checked = briefing('check', '--strict', out);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toBe(`${out}: valid (11 slides)\n`);
    const deck = JSON.parse(readFileSync(out, 'utf8'));
    expect(deck.slides[3].chart.series[0].values).toEqual([1200, 1350, 1420, 1610]);
    expect(deck.slides[1].notes).toContain('Lead with the rail bottleneck');
  });

  it.skipIf(noPoppler !== null)(`the imported deck exports to a PDF with its slides, notes and chart data${noPoppler ? ` (skipped: ${noPoppler})` : ''}`, () => {
    const deckFile = path.join(dir, 'harbour.briefing.json');
    expect(briefing('import', OUTLINE, '-o', deckFile).status).toBe(0);
    const pdf = path.join(dir, 'harbour.pdf');
    const exported = briefing('export', deckFile, '-o', pdf, '--layout', 'notes', '--notes', 'talking-points');
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const title of ['Harbour Freight Review', 'Bottom line up front', 'Volumes rose every quarter', 'Rail is the new bottleneck', 'Recommendation']) {
      expect(text).toContain(title);
    }
    expect(text).toContain('Lead with the rail bottleneck');
    expect(text).toContain('moving boxes faster than the railway');
    expect(text).toContain('Port authority quarterly ledger (illustrative)');
    // The chart-data annex lists the imported values.
    expect(text).toMatch(/1,610/);
  });

  it('defaults the output beside the outline, refuses to overwrite, exits 1', () => {
    const md = path.join(dir, 'notes.md');
    writeFileSync(md, '# One\n- a\n---\n# Two\n- b\n');
    const first = briefing('import', md);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    const target = path.join(dir, 'notes.briefing.json');
    const before = readFileSync(target, 'utf8');
    writeFileSync(md, '# Changed\n');
    const again = briefing('import', md);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(`briefing import: ${target} already exists; it was left untouched (choose another name, or delete it first)\n`);
    expect(readFileSync(target, 'utf8')).toBe(before);
  });

  it('fails (exit 1, nothing written) for a missing or empty outline; exit 2 for usage', () => {
    const missing = briefing('import', path.join(dir, 'nope.md'), '-o', path.join(dir, 'x.briefing.json'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('file not found');
    const empty = path.join(dir, 'empty.md');
    writeFileSync(empty, '\n\n');
    const none = briefing('import', empty, '-o', path.join(dir, 'y.briefing.json'));
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('the outline has no slides');
    expect(none.stderr).toContain('nothing was written');
    expect(briefing('import').status).toBe(2);
    expect(briefing('import', empty, '-o', path.join(dir, 'z.pdf')).status).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['empty.md']);
  });
});
