/** `briefing check`: exit 0 for a valid deck, 1 and one line per problem with its JSON path otherwise. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
    expect(out[0]).toMatch(/valid \(24 slides\)$/);
  });

  it('prints one line per problem with its JSON path, and exits 1', async () => {
    const { code, err } = await check(fixture('schema-invalid.briefing.json'));
    expect(code).toBe(1);
    expect(err.length).toBeGreaterThanOrEqual(4);
    for (const line of err) expect(line).toMatch(/^.*schema-invalid\.briefing\.json: /);
    expect(err).toContain(`${fixture('schema-invalid.briefing.json')}: slides[3].chart.series[0].values[2]: expected a number`);
    expect(err.some((l) => l.includes('meta.title: missing'))).toBe(true);
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
    expect(bad.stderr).toContain('slides[3].chart.series[0].values[2]');
    const unknown = spawnSync(process.execPath, [path.join(ROOT, 'bin/briefing.cjs'), 'frobnicate'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command');
  });
});
