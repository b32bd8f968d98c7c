/**
 * `briefing export` as a person at a terminal meets it: one line on success;
 * on a bad deck, a bad option or a path it cannot write, a clear message, a
 * non-zero exit and no output file. In-process through runExportCommand, and
 * once as a real process through bin/briefing.cjs when the CLI is built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runExportCommand } from '../../src-main/cli/export-command';
import { DEFAULT_DECK_PATH, ROOT } from './pdf-fixtures';
import { pdfInfo, popplerMissing, tempDir } from './pdf-tools';

const work = tempDir('briefing-cli-');
afterAll(() => work.cleanup());

async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runExportCommand(argv, (line) => out.push(line), (line) => err.push(line));
  return { code, out, err };
}

const pdfsIn = (dir: string) => readdirSync(dir).filter((f) => f.toLowerCase().includes('.pdf'));

describe('briefing export (in-process)', () => {
  it('writes the PDF and prints one line with its path, pages and time', async () => {
    const out = path.join(work.dir, 'ok.pdf');
    const r = await run(DEFAULT_DECK_PATH, '-o', out, '--layout', 'three-up', '--notes', 'talking-points');
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).toMatch(new RegExp(`^${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+ pages, .* in \\d+\\.\\d\\d s$`));
    if (!popplerMissing()) expect(Number(pdfInfo(out).Pages)).toBe(Number(/: (\d+) pages/.exec(r.out[0])?.[1]));
  }, 30_000);

  it('refuses a deck with problems, one line per problem with its JSON path, and writes nothing', async () => {
    const dir = path.join(work.dir, 'bad-deck');
    mkdirSync(dir);
    const deck = path.join(dir, 'bad.briefing.json');
    writeFileSync(deck, JSON.stringify({ format: 'briefing-deck', version: 1, meta: { title: 'x' }, slides: [{ id: 'a', layout: 'chart', title: 'A', chart: { type: 'bar', labels: ['a'], series: [{ name: 's', values: ['one'] }] } }] }));
    const r = await run(deck, '-o', path.join(dir, 'out.pdf'));
    expect(r.code).toBe(1);
    expect(r.err).toEqual([`${deck}: slides[0].chart.series[0].values[0]: expected a number`]);
    expect(pdfsIn(dir)).toEqual([]);
  });

  it('says so when the deck is not JSON or not there', async () => {
    const dir = path.join(work.dir, 'not-json');
    mkdirSync(dir);
    const deck = path.join(dir, 'broken.briefing.json');
    writeFileSync(deck, '{ "format": "briefing-deck", ');
    const broken = await run(deck, '-o', path.join(dir, 'out.pdf'));
    expect(broken.code).toBe(1);
    expect(broken.err.join('\n')).toMatch(/not valid JSON|cut off|ends/i);
    const absent = await run(path.join(dir, 'missing.briefing.json'), '-o', path.join(dir, 'out.pdf'));
    expect(absent.code).toBe(1);
    expect(absent.err.join('\n')).toMatch(/file not found/);
    expect(pdfsIn(dir)).toEqual([]);
  });

  it('rejects an unknown layout or notes kind with the choices, exit 2', async () => {
    const out = path.join(work.dir, 'layout.pdf');
    const layout = await run(DEFAULT_DECK_PATH, '-o', out, '--layout', 'four-up');
    expect(layout.code).toBe(2);
    expect(layout.err[0]).toMatch(/unknown layout "four-up" \(expected one of: slides, handout, three-up, notes\)/);
    const notes = await run(DEFAULT_DECK_PATH, '-o', out, '--notes', 'private');
    expect(notes.code).toBe(2);
    expect(notes.err[0]).toMatch(/unknown notes kind "private"/);
    const option = await run(DEFAULT_DECK_PATH, '-o', out, '--colour');
    expect(option.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an output it cannot write, before doing the work, and leaves nothing', async () => {
    const missingDir = await run(DEFAULT_DECK_PATH, '-o', path.join(work.dir, 'no', 'such', 'out.pdf'));
    expect(missingDir.code).toBe(1);
    expect(missingDir.err[0]).toMatch(/does not exist/);
    const file = path.join(work.dir, 'a-file.txt');
    writeFileSync(file, 'x');
    const underFile = await run(DEFAULT_DECK_PATH, '-o', path.join(file, 'out.pdf'));
    expect(underFile.code).toBe(1);
    expect(underFile.err[0]).toMatch(/not a folder/);
    const notPdf = await run(DEFAULT_DECK_PATH, '-o', path.join(work.dir, 'deck.briefing.json'));
    expect(notPdf.code).toBe(1);
    expect(notPdf.err[0]).toMatch(/must end in \.pdf/);
    const folder = path.join(work.dir, 'folder.pdf');
    mkdirSync(folder);
    const isFolder = await run(DEFAULT_DECK_PATH, '-o', folder);
    expect(isFolder.code).toBe(1);
    expect(isFolder.err[0]).toMatch(/it is a folder/);
  });

  it('fails cleanly when the write itself fails, leaving no partial file', async () => {
    // /proc accepts no new files, even for root (for whom permission bits mean nothing).
    if (!existsSync('/proc/self')) return console.warn('write-failure case skipped: no /proc on this system');
    const out = '/proc/briefing-test.pdf';
    const r = await run(DEFAULT_DECK_PATH, '-o', out);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/cannot write \/proc\/briefing-test\.pdf/);
    expect(existsSync(out)).toBe(false);
  }, 30_000);

  it('prints its usage for --help', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/usage: briefing export DECK/);
  });
});

const cli = path.join(ROOT, 'build', 'cli.cjs');
const built = existsSync(cli);
if (!built) console.warn('briefing export as a real process not tested: build/cli.cjs is missing (run `npm run build`)');

describe.skipIf(!built)(`briefing export (real process)${built ? '' : ' (skipped: build/cli.cjs is not built; npm run build)'}`, () => {
  it('exports the default briefing and exits 0', () => {
    const out = path.join(work.dir, 'process.pdf');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'briefing.cjs'), 'export', DEFAULT_DECK_PATH, '-o', out, '--layout', 'slides'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toContain(`${out}: `);
    expect(existsSync(out)).toBe(true);
  }, 30_000);

  it('loads the CLI and pdfmake with V8 code caches, and still exports with a cache damaged', () => {
    const run = (name: string) =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin', 'briefing.cjs'), 'export', DEFAULT_DECK_PATH, '-o', path.join(work.dir, name), '--layout', 'slides'], {
        encoding: 'utf8',
        env: { ...process.env, BRIEFING_CODE_CACHE_REPORT: '1' },
      });
    expect(run('first.pdf').status).toBe(0);
    // The first export wrote the caches (if no earlier one had): the next one takes both.
    const second = run('second.pdf');
    expect(second.status).toBe(0);
    expect(second.stderr).toContain('code cache cli.cjs: accepted');
    expect(second.stderr).toContain('code cache pdf-engine.cjs: accepted');
    // The chart worker's engine too: the worker wrote its cache when the first export finished.
    expect(second.stderr).toContain('code cache chart-engine.cjs: accepted');
    const dir = path.join(ROOT, 'build', '.code-cache');
    const cache = readdirSync(dir).find((n) => n.startsWith('cli.cjs-') && n.endsWith('.v8cache'));
    expect(cache).toBeDefined();
    // Damaged: V8 rejects it, the CLI compiles from source, exports, and replaces it.
    writeFileSync(path.join(dir, cache!), Buffer.from('not a code cache'));
    const third = run('third.pdf');
    expect(third.stderr).toMatch(/code cache cli\.cjs: (rejected|accepted)/);
    expect(third.status).toBe(0);
    expect(existsSync(path.join(work.dir, 'third.pdf'))).toBe(true);
    expect(run('fourth.pdf').stderr).toContain('code cache cli.cjs: accepted');
  }, 90_000);

  it('exits non-zero with a message for a bad layout, leaving no file', () => {
    const out = path.join(work.dir, 'process-bad.pdf');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'briefing.cjs'), 'export', DEFAULT_DECK_PATH, '-o', out, '--layout', 'poster'], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unknown layout "poster"/);
    expect(existsSync(out)).toBe(false);
  });
});
