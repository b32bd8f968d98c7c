/**
 * File → Export → PowerPoint as a person uses it: open the File dialog, choose
 * PowerPoint…, press Export, watch it finish, download it; the .pptx is then on
 * disk in the data folder's exports and unzips with the deck's slides.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import JSZip from 'jszip';
import { expect, serve, test, watchPageErrors } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DEFAULT_DECK = path.join(ROOT, 'assets', 'decks', 'central-asia-mining.briefing.json');
import { readFileSync } from 'node:fs';
/** The default briefing's slide count (it grows as slides are added to it). */
const N = (JSON.parse(readFileSync(DEFAULT_DECK, 'utf8')) as { slides: unknown[] }).slides.length;
const region = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of \\d+: `) });

/** The slide titles' text of each slide part, in slide order. */
async function slidesOf(bytes: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files)
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => Number(/(\d+)\.xml/.exec(a)![1]) - Number(/(\d+)\.xml/.exec(b)![1]));
  return Promise.all(names.map(async (n) => ((await zip.file(n)!.async('string')).match(/<a:t>([^<]*)<\/a:t>/g) ?? []).map((t) => t.slice(5, -6)).join(' ')));
}

async function openPowerPointExport(page: Page, screenshot?: string) {
  await page.getByRole('toolbar', { name: 'Briefing controls' }).getByRole('button', { name: 'File' }).click();
  const file = page.getByRole('dialog', { name: 'File' });
  if (screenshot) await file.screenshot({ path: screenshot });
  await file.getByRole('group', { name: 'Export' }).getByRole('button', { name: 'PowerPoint…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export PowerPoint' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('File → Export → PowerPoint writes a .pptx with every slide, to download and on disk', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  const dialog = await openPowerPointExport(page, 'test-results/pptx-file-menu.png');
  await expect(dialog.getByText(/with its 5 charts as native charts/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText(new RegExp(`Exported central-asia-mining\\.pptx: ${N} slides`))).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: 'test-results/pptx-export-dialog.png' });

  const href = await dialog.getByRole('link', { name: 'Download PowerPoint' }).getAttribute('href');
  expect(href).toMatch(/\.pptx\?token=/);
  const res = await page.request.get(new URL(href!, app.origin).toString());
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
  const downloaded = await res.body();
  expect(downloaded.subarray(0, 2).toString()).toBe('PK');

  const exported = await readdir(path.join(app.dataDir, 'exports'));
  expect(exported).toEqual(['central-asia-mining.pptx']);
  const onDisk = await readFile(path.join(app.dataDir, 'exports', 'central-asia-mining.pptx'));
  expect(onDisk.equals(downloaded)).toBe(true);
  const slides = await slidesOf(onDisk);
  const deck = JSON.parse(await readFile(DEFAULT_DECK, 'utf8')) as { slides: Array<{ title: string }> };
  expect(slides).toHaveLength(N);
  slides.forEach((text, i) => expect(text.replace(/\s+/g, ' ')).toContain(deck.slides[i].title.replace(/&/g, '&amp;').replace(/'/g, '&apos;')));

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  expect(errors).toEqual([]);
});

test('a hidden slide is left out of the PowerPoint unless the box is ticked; each export keeps its own file', async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-pptx-e2e-'));
  const deck = JSON.parse(await readFile(DEFAULT_DECK, 'utf8')) as { slides: Array<{ title: string; hidden?: boolean }> };
  deck.slides[2].hidden = true;
  const deckPath = path.join(dir, 'with-hidden.briefing.json');
  await writeFile(deckPath, JSON.stringify(deck, null, 2));
  const app = await serve({ deck: deckPath });
  const errors = watchPageErrors(page);
  try {
    await page.goto(app.url);
    await expect(region(page, 1)).toBeVisible();
    let dialog = await openPowerPointExport(page);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(dialog.getByText(new RegExp(`Exported with-hidden\\.pptx: ${N - 1} slides`))).toBeVisible({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();

    dialog = await openPowerPointExport(page);
    await dialog.getByRole('checkbox', { name: /Include 1 hidden slide/ }).check();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(dialog.getByText(new RegExp(`Exported with-hidden-2\\.pptx: ${N} slides`))).toBeVisible({ timeout: 60_000 });

    const exports = path.join(app.dataDir, 'exports');
    expect((await readdir(exports)).sort()).toEqual(['with-hidden-2.pptx', 'with-hidden.pptx']);
    const without = await slidesOf(await readFile(path.join(exports, 'with-hidden.pptx')));
    const withHidden = await slidesOf(await readFile(path.join(exports, 'with-hidden-2.pptx')));
    expect(without).toHaveLength(N - 1);
    expect(without.join('\n')).not.toContain(deck.slides[2].title);
    expect(withHidden).toHaveLength(N);
    expect(withHidden[2]).toContain(deck.slides[2].title);
    expect(errors).toEqual([]);
  } finally {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
