/** `briefing check`: exit 0 for a valid deck, 1 and one line per problem with its slide and JSON path otherwise. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCheckCommand } from '../../src-main/cli/check-command';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const fixture = (name: string) => path.join(ROOT, 'tests/fixtures/decks', name);

async function check(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheckCommand(args, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

describe('briefing check', () => {
  it('passes the default briefing', async () => {
    const { code, out } = await check(path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json'));
    expect(code).toBe(0);
    expect(out[0]).toMatch(/valid \(\d+ slides\)$/);
  });

  it('prints one line per problem with its JSON path, and exits 1', async () => {
    const { code, err } = await check(fixture('schema-invalid.briefing.json'));
    expect(code).toBe(1);
    expect(err.length).toBeGreaterThanOrEqual(4);
    for (const line of err) expect(line).toMatch(/^.*schema-invalid\.briefing\.json: /);
    expect(err).toContain(`${fixture('schema-invalid.briefing.json')}: slide 4 'A value is text' (id bad-chart) at slides[3].chart.series[0].values[2]: expected a number`);
    expect(err.some((l) => l.includes('meta.title: missing'))).toBe(true);
  });

  describe('on real files with mistakes', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'briefing-check-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, deck: unknown) => {
      const file = path.join(dir, name);
      writeFileSync(file, typeof deck === 'string' ? deck : JSON.stringify(deck, null, 2));
      return file;
    };
    const small = () => JSON.parse(readFileSync(fixture('small-valid.briefing.json'), 'utf8'));

    it('reports schema and cross-reference problems together, in one pass', async () => {
      const deck = small();
      deck.slides[1].chart.type = 'pies';
      deck.slides[1].sources = ['missing-source'];
      deck.slides[2].id = 'numbers';
      const file = write('two-kinds.briefing.json', deck);
      const { code, err } = await check(file);
      expect(code).toBe(1);
      expect(err).toEqual([
        `${file}: slide 2 'A bar chart' (id numbers) at slides[1].chart.type: expected one of bar, horizontal-bar, stacked-bar, line, doughnut, pie, map`,
        `${file}: slide 2 'A bar chart' (id numbers) at slides[1].sources[0]: unknown source "missing-source"`,
        `${file}: slide 3 'Sources' (id numbers) at slides[2].id: duplicate slide id "numbers"`,
        `${file}: warning: slide 3 'Sources' (id numbers) at slides[2].futureField: unknown field "futureField" (kept in the file, but not used; name your own fields "x-…" to silence this)`,
      ]);
    });

    it('warns (exit 0) on a typo and an unsourced chart; --strict makes them errors (exit 1)', async () => {
      const deck = small();
      delete deck.slides[2].futureField;
      deck.slides[1].bulets = ['a typo'];
      delete deck.slides[1].sources;
      const file = write('warnings.briefing.json', deck);
      const lax = await check(file);
      expect(lax.code).toBe(0);
      expect(lax.out).toEqual([`${file}: valid (3 slides, 2 warnings)`]);
      expect(lax.err).toEqual([
        `${file}: warning: slide 2 'A bar chart' (id numbers) at slides[1].bulets: unknown field "bulets": did you mean "bullets"? (kept in the file, but not used)`,
        `${file}: warning: slide 2 'A bar chart' (id numbers) at slides[1].sources: this slide shows a chart but names no source; add the id of the source its numbers come from`,
      ]);
      const strict = await check('--strict', file);
      expect(strict.code).toBe(1);
      expect(strict.err).toHaveLength(2);
      expect(strict.err[0]).toBe(`${file}: error (--strict): slide 2 'A bar chart' (id numbers) at slides[1].bulets: unknown field "bulets": did you mean "bullets"? (kept in the file, but not used)`);
      expect(strict.out).toEqual([]);
    });

    it('gives a JSON syntax error with its line and column', async () => {
      const file = write('syntax.briefing.json', '{\n  "format": "briefing-deck",\n  "version": 1,\n  "meta": { "title": "x" }\n  "slides": []\n}\n');
      const { code, err } = await check(file);
      expect(code).toBe(1);
      expect(err[0]).toBe(`${file}: the file is not valid JSON (line 5, column 3: expected ',' or '}'; is a comma missing before this?)`);
    });

    it('accepts a file that starts with a byte-order mark', async () => {
      const file = write('bom.briefing.json', `\uFEFF${readFileSync(fixture('small-valid.briefing.json'), 'utf8')}`);
      expect((await check(file)).code).toBe(0);
    });
  });

  it('says what is wrong with a truncated or missing file', async () => {
    const truncated = await check(fixture('corrupt-truncated.briefing.json'));
    expect(truncated.code).toBe(1);
    expect(truncated.err.join('\n')).toMatch(/not valid JSON|ends too early/);
    const missing = await check(path.join(ROOT, 'no-such.briefing.json'));
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toMatch(/file not found$/);
  });

  it('exits 2 with usage for no deck or an unknown option', async () => {
    expect((await check()).code).toBe(2);
    expect((await check('--frobnicate', 'x.json')).code).toBe(2);
  });

  const built = existsSync(path.join(ROOT, 'build/cli.cjs'));
  if (!built) console.warn('briefing check as a real process is skipped: build/cli.cjs is missing (run `npm run build`; npm test builds first)');
  it.runIf(built)('works as a real process (bin/briefing.cjs)', () => {
    const ok = spawnSync(process.execPath, [path.join(ROOT, 'bin/briefing.cjs'), 'check', fixture('small-valid.briefing.json')], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    const bad = spawnSync(process.execPath, [path.join(ROOT, 'bin/briefing.cjs'), 'check', fixture('schema-invalid.briefing.json')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("slide 4 'A value is text' (id bad-chart) at slides[3].chart.series[0].values[2]");
    const strict = spawnSync(process.execPath, [path.join(ROOT, 'bin/briefing.cjs'), 'check', '--strict', fixture('small-valid.briefing.json')], { encoding: 'utf8' });
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('error (--strict)');
    const help = spawnSync(process.execPath, [path.join(ROOT, 'bin/briefing.cjs')], { encoding: 'utf8', timeout: 20_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Briefing Desk — present research briefings offline\.\n\nusage:/);
    expect(help.stdout).toContain('briefing new OUT.briefing.json');
    const unknown = spawnSync(process.execPath, [path.join(ROOT, 'bin/briefing.cjs'), 'frobnicate'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command');
  });
});
