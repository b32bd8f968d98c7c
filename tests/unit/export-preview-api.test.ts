/**
 * The export options across the API: main checks every new field, the preview is
 * the first page of the real PDF drawn to PNG (its size follows the paper and
 * layout, a bad range is refused before any work), and the last options of a deck
 * are kept in the state file and given back, while junk in that file is dropped.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeckOpenResult, ExportOptions, ExportPreview } from '../../src-shared/api';
import { expectExportOptions } from '../../src-main/core/api-args';
import { callApi } from '../../src-main/core/api-handlers';
import { sanitizeAppState } from '../../src-main/core/app-state';
import { PREVIEW_MAX_PX } from '../../src-main/core/pdf/preview';
import { createServices, type Services } from '../../src-main/core/services';

describe('expectExportOptions', () => {
  const base = { layout: 'handout', notes: 'handout', annex: true };
  it('keeps each new option when well-formed, and only those', () => {
    expect(
      expectExportOptions({ ...base, format: 'pdf', perPage: 6, paper: 'letter', slides: ' 2-5,8 ', skipSections: true, noCover: true, junk: 1 }),
    ).toEqual({
      ...base,
      format: 'pdf',
      perPage: 6,
      paper: 'letter',
      slides: '2-5,8',
      skipSections: true,
      noCover: true,
    });
    expect(expectExportOptions({ ...base, slides: '  ', skipSections: false })).toEqual(base);
  });
  it('refuses each malformed value with its name', () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ perPage: 5 }, /perPage must be one of 1, 2, 3, 4, 6/],
      [{ perPage: '2' }, /perPage/],
      [{ paper: 'a3' }, /paper must be one of a4, letter/],
      [{ slides: 8 }, /slides must be a range/],
      [{ slides: '5-2' }, /slides: "5-2" runs backwards/],
      [{ slides: 'x'.repeat(201) }, /longer than 200/],
      [{ skipSections: 'yes' }, /skipSections must be true or false/],
      [{ noCover: 1 }, /noCover must be true or false/],
      [{ format: 'docx' }, /format must be one of pdf, pptx/],
    ];
    for (const [extra, message] of bad) expect(() => expectExportOptions({ ...base, ...extra }), JSON.stringify(extra)).toThrow(message);
  });
});

let dir: string;
let services: Services;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'briefing-preview-'));
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

async function size(dataUrl: string): Promise<{ width: number; height: number; ink: number }> {
  expect(dataUrl.startsWith('data:image/png;base64,')).toBe(true);
  const img = await loadImage(Buffer.from(dataUrl.split(',')[1], 'base64'));
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink++;
  return { width: img.width, height: img.height, ink: ink / (img.width * img.height) };
}

describe('previewExport and lastExportOptions', () => {
  it('draws the first page of the real PDF at the paper and layout proportions', async () => {
    const open = await call<Extract<DeckOpenResult, { ok: true }>>('startupDeck');
    const { id } = open.info;
    const letter = await call<ExportPreview>('previewExport', id, open.deck, { layout: 'handout', notes: 'handout', annex: true, paper: 'letter' });
    expect(letter.pages).toBeGreaterThan(10);
    const cover = await size(letter.png);
    expect(Math.max(cover.width, cover.height)).toBe(PREVIEW_MAX_PX);
    expect(cover.width / cover.height).toBeCloseTo(612 / 792, 2);
    expect(cover.ink, 'the cover has text on it').toBeGreaterThan(0.002);
    expect(letter.page2, 'with a cover, the first page of slides comes too').toBeDefined();
    const slidesPage = await size(letter.page2 ?? '');
    expect(slidesPage.ink).toBeGreaterThan(cover.ink);

    const slides = await call<ExportPreview>('previewExport', id, open.deck, { layout: 'slides', notes: 'none', annex: false });
    const slide = await size(slides.png);
    expect(slide.width / slide.height).toBeCloseTo(16 / 9, 2);
    expect(slides.page2).toBeUndefined();
    expect(slides.pages).toBe(open.deck.slides.length);

    const grid = await call<ExportPreview>('previewExport', id, open.deck, {
      layout: 'handout',
      notes: 'none',
      annex: false,
      perPage: 6,
      noCover: true,
      slides: '1-7',
    });
    expect(grid.pages).toBe(2);
    expect((await size(grid.png)).width / (await size(grid.png)).height).toBeCloseTo(595.28 / 841.89, 2);
  }, 120_000);

  it('refuses a range past the deck, and remembers the options of an export for its deck', async () => {
    const open = await call<Extract<DeckOpenResult, { ok: true }>>('startupDeck');
    const { id } = open.info;
    await expect(call('previewExport', id, open.deck, { layout: 'handout', notes: 'handout', annex: true, slides: '30' })).rejects.toThrow(
      `there is no slide 30: the deck has ${open.deck.slides.length} slides`,
    );
    await expect(call('previewExport', id, open.deck, { layout: 'handout', notes: 'handout', annex: true, perPage: 7 })).rejects.toThrow(/perPage/);
    await expect(call('previewExport', '../x', open.deck, { layout: 'handout', notes: 'handout', annex: true })).rejects.toThrow(/invalid/);
    expect(await call('lastExportOptions', id)).toBeNull();

    const options: ExportOptions = {
      layout: 'handout',
      notes: 'talking-points',
      annex: false,
      perPage: 3,
      paper: 'letter',
      slides: '2-4',
      skipSections: true,
    };
    services.context.exports.start = () => 'job-1'; // where and whether it writes is tested elsewhere
    await call('startExport', id, open.deck, options);
    expect(await call('lastExportOptions', id)).toEqual(options);
    await services.flush();
    const onDisk = JSON.parse(await readFile(path.join(dir, 'state.json'), 'utf8')) as { exportOptions: Record<string, ExportOptions> };
    expect(Object.values(onDisk.exportOptions)).toEqual([options]);

    // A fresh start reads them back.
    const again = await createServices({
      transport: 'http',
      decksDir: path.join(dir, 'decks'),
      statePath: path.join(dir, 'state.json'),
      exportsDir: path.join(dir, 'exports'),
    });
    const reopened = await callApi(again.handlers, 'startupDeck', []);
    expect('result' in reopened).toBe(true);
    const info = (reopened as { result: Extract<DeckOpenResult, { ok: true }> }).result.info;
    expect(await callApi(again.handlers, 'lastExportOptions', [info.id])).toEqual({ result: options });
    await again.flush();
  }, 60_000);

  it('drops remembered options that do not check out', () => {
    const good = { layout: 'notes', notes: 'talking-points', annex: true };
    // As read from a file: "__proto__" is an own key there.
    const file = `{"exportOptions": {"/a/deck.json": ${JSON.stringify(good)}, "/b/deck.json": {"layout": "poster"}, "relative.json": ${JSON.stringify(good)},
      "/c/deck.json": ${JSON.stringify({ ...good, perPage: 9 })}, "__proto__": ${JSON.stringify(good)}}}`;
    const state = sanitizeAppState(JSON.parse(file));
    expect(state.exportOptions).toEqual({ '/a/deck.json': good });
    expect(Object.getPrototypeOf(state.exportOptions)).toBe(Object.prototype);
  });
});
