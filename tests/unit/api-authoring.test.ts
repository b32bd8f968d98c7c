/**
 * The API calls behind File → New from a template and File → Import of a Markdown
 * outline: arguments checked in main, a new file in the decks folder (never over
 * another), the deck opened, and the import's warnings handed back with their lines.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeckOpenResult, MarkdownImportResult } from '../../src-shared/api';
import { callApi } from '../../src-main/core/api-handlers';
import { createServices, type Services } from '../../src-main/core/services';
import { checkDeckText } from '../../src-shared/deck-check';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
let dir: string;
let services: Services;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'briefing-api-authoring-'));
  services = await createServices({
    transport: 'http',
    decksDir: path.join(dir, 'decks'),
    statePath: path.join(dir, 'state.json'),
    exportsDir: path.join(dir, 'exports'),
  });
});

afterEach(async () => {
  await services.flush();
  await rm(dir, { recursive: true, force: true });
});

const call = async <T>(method: string, ...args: unknown[]): Promise<T> => {
  const envelope = await callApi(services.handlers, method, args);
  if ('error' in envelope) throw new Error(envelope.error);
  return envelope.result as T;
};
const decks = async () => (await readdir(path.join(dir, 'decks')).catch(() => [] as string[])).filter((f) => f.endsWith('.briefing.json')).sort();

describe('newFromTemplate', () => {
  it('writes the template deck under a name from its title, opens it, and never overwrites', async () => {
    const first = await call<DeckOpenResult>('newFromTemplate', 'situation', 'Grain corridor');
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.info.name).toBe('grain-corridor.briefing.json');
    expect(first.deck.meta.title).toBe('Grain corridor');
    expect(first.deck.slides.map((s) => s.id)).toContain('key-judgments');
    const second = await call<DeckOpenResult>('newFromTemplate', 'situation', 'Grain corridor');
    expect(second.ok && second.info.name).toBe('grain-corridor-2.briefing.json');
    const blank = await call<DeckOpenResult>('newFromTemplate', 'blank');
    expect(blank.ok && blank.info.name).toBe('untitled-briefing.briefing.json');
    await services.flush();
    expect(await decks()).toEqual(['grain-corridor-2.briefing.json', 'grain-corridor.briefing.json', 'untitled-briefing.briefing.json']);
    const text = await readFile(path.join(dir, 'decks', 'grain-corridor.briefing.json'), 'utf8');
    expect(checkDeckText(text)).toEqual({ errors: [], warnings: [] });
  });

  it('refuses an unknown template or a bad title', async () => {
    await expect(call('newFromTemplate', 'memo')).rejects.toThrow(/template must be one of blank, situation, data-update/);
    await expect(call('newFromTemplate', { id: 'blank' })).rejects.toThrow(/template must be one of/);
    await expect(call('newFromTemplate', 'blank', 42)).rejects.toThrow(/a title is text/);
    await expect(call('newFromTemplate', 'blank', 'x'.repeat(501))).rejects.toThrow(/a title is text/);
  });
});

describe('importMarkdown', () => {
  it('imports the fixture outline into the decks folder, opens it, and returns the warnings with lines', async () => {
    const text = readFileSync(path.join(ROOT, 'tests/fixtures/outline.md'), 'utf8');
    const result = await call<MarkdownImportResult>('importMarkdown', 'outline.md', text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.info.name).toBe('outline.briefing.json');
    expect(result.deck.slides).toHaveLength(11);
    expect(result.warnings.map((w) => w.line)).toEqual([7, 85, 94, 110]);
    await services.flush();
    const onDisk = await readFile(path.join(dir, 'decks', 'outline.briefing.json'), 'utf8');
    expect(checkDeckText(onDisk)).toEqual({ errors: [], warnings: [] });
    const again = await call<MarkdownImportResult>('importMarkdown', 'outline.md', text);
    expect(again.ok && again.info.name).toBe('outline-2.briefing.json');
  });

  it('reports an outline with nothing in it as a failed open, writing nothing', async () => {
    const result = await call<MarkdownImportResult>('importMarkdown', 'empty.md', '\n\n');
    expect(result).toMatchObject({ ok: false, file: 'empty.md', warnings: [] });
    expect(!result.ok && result.problems[0].message).toMatch(/no slides/);
    expect(await decks()).toEqual([]);
  });

  it('checks its arguments: a file name (never a path) and text within the limit', async () => {
    await expect(call('importMarkdown', '../../x.md', '# A')).rejects.toThrow(/file name cannot contain/);
    await expect(call('importMarkdown', 'x.md', 42)).rejects.toThrow(/invalid deck text/);
    await expect(call('importMarkdown', 'x.md', 'x'.repeat(6 * 1024 * 1024))).rejects.toThrow(/larger than 5 MB/);
  });
});
