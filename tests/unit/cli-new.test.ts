/**
 * `briefing new` as a person runs it: a real process writes a deck from a template
 * that passes `briefing check --strict`, prints one line, and never overwrites.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runNewCommand } from '../../src-main/cli/new-command';
import { checkDeckText } from '../../src-shared/deck-check';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'bin/briefing.cjs');
const built = existsSync(path.join(ROOT, 'build/cli.cjs'));
if (!built) console.warn('briefing new as a real process is skipped: build/cli.cjs is missing (run `npm run build`; npm test builds first)');

const briefing = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000 });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefing-new-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(built)('briefing new (real process)', () => {
  it.each(['blank', 'situation', 'data-update'])('--template %s writes a deck that passes briefing check --strict', (template) => {
    const out = path.join(dir, `${template}.briefing.json`);
    const made = briefing('new', out, '--template', template, '--title', 'Grain corridor: Q3');
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout.trim().split('\n')).toHaveLength(1);
    expect(made.stdout).toMatch(new RegExp(`^Created .*${template}\\.briefing\\.json from the ".+" template: \\d+ slides?, "Grain corridor: Q3"\\.\\n$`));
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(checkDeckText(text)).toEqual({ errors: [], warnings: [] });
    const deck = JSON.parse(text);
    expect(deck.meta.title).toBe('Grain corridor: Q3');
    expect(deck.meta.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const checked = briefing('check', '--strict', out);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toMatch(/: valid \(\d+ slides?\)\n$/);
    // Nothing left beside it: no temp files.
    expect(readdirSync(dir)).toEqual([`${template}.briefing.json`]);
  });

  it('defaults to the blank template', () => {
    const out = path.join(dir, 'plain.briefing.json');
    expect(briefing('new', out).status).toBe(0);
    const deck = JSON.parse(readFileSync(out, 'utf8'));
    expect(deck.meta.title).toBe('Untitled briefing');
    expect(deck.slides).toHaveLength(1);
  });

  it('refuses to overwrite an existing file, says so, exits 1 and leaves it untouched', () => {
    const out = path.join(dir, 'mine.briefing.json');
    writeFileSync(out, 'precious, not even a deck');
    const res = briefing('new', out, '--template', 'situation');
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe(`briefing new: ${out} already exists; it was left untouched (choose another name, or delete it first)\n`);
    expect(readFileSync(out, 'utf8')).toBe('precious, not even a deck');
    expect(readdirSync(dir)).toEqual(['mine.briefing.json']);
  });

  it('exits 2 with usage for a mistake on the command line', () => {
    const unknown = briefing('new', path.join(dir, 'x.briefing.json'), '--template', 'memo');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown template "memo" (expected one of: blank, situation, data-update)');
    expect(briefing('new').status).toBe(2);
    expect(briefing('new', path.join(dir, 'x.txt')).status).toBe(2);
    expect(briefing('new', path.join(dir, 'x.briefing.json'), '--colour').status).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('prints its help', () => {
    const res = briefing('new', '--help');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('--template NAME');
    expect(res.stdout).toContain('situation');
  });
});

describe('briefing new (in process)', () => {
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runNewCommand(args, (l) => out.push(l), (l) => err.push(l));
    return { code, out, err };
  };

  it('says when the folder does not exist', async () => {
    const target = path.join(dir, 'missing', 'x.briefing.json');
    const res = await run(target);
    expect(res.code).toBe(1);
    expect(res.err).toEqual([`briefing new: cannot write ${target}: the folder ${path.join(dir, 'missing')} does not exist`]);
  });

  it('says when the target is a folder', async () => {
    const target = path.join(dir, 'taken.briefing.json');
    rmSync(target, { force: true });
    spawnSync('mkdir', [target]);
    const res = await run(target);
    expect(res.code).toBe(1);
    expect(res.err[0]).toContain('already exists; it was left untouched');
  });

  it('never replaces a file that appears while it writes (no check-then-write race)', async () => {
    // Two writers of the same new name at once: exactly one wins, the other is refused.
    const target = path.join(dir, 'race.briefing.json');
    const results = await Promise.all(Array.from({ length: 8 }, () => run(target, '--template', 'situation')));
    expect(results.filter((r) => r.code === 0)).toHaveLength(1);
    expect(results.filter((r) => r.code === 1)).toHaveLength(7);
    expect(checkDeckText(readFileSync(target, 'utf8')).errors).toEqual([]);
    expect(readdirSync(dir)).toEqual(['race.briefing.json']);
  });
});
