/**
 * What a presenter sees when the disk lets them down, with real files: a full disk
 * (a small tmpfs), a deck made read-only, a read-only data folder, and two exports
 * of one deck that must not share a file.
 */
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { mountTmpfs } from '../helpers/tmpfs';
import { expect, serve, test, watchPageErrors } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BUNDLED = path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const region = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of \\d+: `) });
const saveStatus = (page: Page) => page.getByRole('status', { name: 'Save status' });

/** Opens the edit panel on slide 1 and types at the end of its talking points. */
async function typeInNotes(page: Page, text: string) {
  await expect(region(page, 1)).toBeVisible();
  await page.keyboard.press('e');
  const notes = page.getByRole('complementary', { name: 'Edit slide' }).getByRole('textbox', { name: 'Talking points' });
  await notes.click();
  await notes.press('Control+End');
  await notes.pressSequentially(text, { delay: 10 });
}

test('a full disk: "Not saved: the disk is full" once, deck and .bak untouched, and it saves by itself once space is freed', async ({ page }) => {
  const mount = mountTmpfs('200k', { prefix: 'e2e-full-' });
  test.skip(!mount.ok, mount.ok ? '' : `needs a small tmpfs: ${mount.reason}`);
  if (!mount.ok) return;
  const errors = watchPageErrors(page);
  const deck = path.join(mount.dir, 'talk.briefing.json');
  copyFileSync(BUNDLED, deck);
  writeFileSync(`${deck}.bak`, readFileSync(BUNDLED, 'utf8').replace('"version": 1', '"version":1'));
  const app = await serve({ deck });
  try {
    const deckBefore = sha(deck);
    const bakBefore = sha(`${deck}.bak`);
    // Leave 8 KB: the 33 KB deck cannot be written, but a short write of 8 KB can.
    const st = statfsSync(mount.dir);
    const filler = path.join(mount.dir, 'filler');
    writeFileSync(filler, Buffer.alloc(st.bavail * st.bsize - 8192, 0x61));

    await page.goto(app.url);
    await typeInNotes(page, ' Room is full.');
    await expect(saveStatus(page)).toHaveText(/^Not saved: the disk is full\. Use Save As…/, { timeout: 15_000 });
    expect((await saveStatus(page).textContent())?.match(/Not saved:/g)).toHaveLength(1);
    await page.screenshot({ path: 'test-results/screens/disk-full.png' });
    expect(sha(deck)).toBe(deckBefore);
    expect(sha(`${deck}.bak`)).toBe(bakBefore);
    expect(readdirSync(mount.dir).sort()).toEqual(['filler', 'talk.briefing.json', 'talk.briefing.json.bak']);
    // The edit is still on screen, not lost.
    await expect(page.getByRole('textbox', { name: 'Talking points' })).toHaveValue(/Room is full\.$/);

    // Space comes back: the periodic retry saves without another keystroke.
    rmSync(filler);
    await expect(saveStatus(page)).toHaveText('Saved', { timeout: 25_000 });
    const saved = JSON.parse(readFileSync(deck, 'utf8')) as { slides: { notes?: string }[] };
    expect(saved.slides[0].notes).toMatch(/Room is full\.$/);
    expect(sha(`${deck}.bak`)).toBe(deckBefore);
    expect(errors).toEqual([]);
  } finally {
    await app.stop();
    mount.unmount();
  }
});

test('a read-only deck (chmod 0444) is never written: the first edit goes to a working copy, and the app says where', async ({ page }) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'e2e-readonly-'));
  const deck = path.join(folder, 'board.briefing.json');
  copyFileSync(BUNDLED, deck);
  chmodSync(deck, 0o444);
  const before = sha(deck);
  const app = await serve({ deck });
  try {
    await page.goto(app.url);
    await typeInNotes(page, ' Kept in a copy.');
    await expect(saveStatus(page)).toHaveText('Saved', { timeout: 15_000 });
    const copy = path.join(app.dataDir, 'decks', 'board.briefing.json');
    await expect(
      page.getByRole('status').filter({ hasText: `board.briefing.json (in ${folder}) is read-only, so your edits are saved in a copy: ${copy}` }),
    ).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/read-only-deck.png' });
    expect(sha(deck)).toBe(before);
    expect(statSync(deck).mode & 0o777).toBe(0o444);
    expect(readdirSync(folder)).toEqual(['board.briefing.json']);
    expect((JSON.parse(readFileSync(copy, 'utf8')) as { slides: { notes?: string }[] }).slides[0].notes).toMatch(/Kept in a copy\.$/);
  } finally {
    await app.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a read-only data folder: the deck is presented, and an edit says the folder is read-only and how to choose another', async ({ page }) => {
  const mount = mountTmpfs('1m', { readOnly: true, prefix: 'e2e-rodata-' });
  test.skip(!mount.ok, mount.ok ? '' : `needs a read-only tmpfs: ${mount.reason}`);
  if (!mount.ok) return;
  const dataDir = path.join(mount.dir, 'briefing');
  const app = await serve({ dataDir });
  try {
    await page.goto(app.url);
    await expect(region(page, 1)).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(region(page, 2)).toBeVisible();
    await page.keyboard.press('Home');
    await typeInNotes(page, ' Not kept.');
    await expect(saveStatus(page)).toHaveText(
      new RegExp(`^Not saved: the data folder ${dataDir}/decks is read-only or cannot be created \\(EROFS\\).*--data-dir`),
      { timeout: 15_000 },
    );
    expect((await saveStatus(page).textContent())?.match(/Not saved:/g)).toHaveLength(1);
    await page.screenshot({ path: 'test-results/screens/read-only-data.png' });
    expect(readdirSync(mount.dir)).toEqual([]);
  } finally {
    await app.stop();
    mount.unmount();
  }
});

test('two exports of one deck, with and without talking points, are two files with their own names and downloads', async ({ page, app }) => {
  // Two whole exports: 14–29 s for the test with two workers at load 4–5, so one export alone
  // may take longer than 30 s on a busy machine (it timed out once in each of two full runs
  // at load 10–17). What this test checks is names and files, not speed.
  test.setTimeout(180_000);
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  const dialog = page.getByRole('dialog', { name: 'Export PDF' });
  const exportOnce = async (notesLabel: string, expected: string) => {
    await page.keyboard.press('Control+e');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('radio', { name: /^Handout/ }).check();
    await dialog.getByRole('radio', { name: notesLabel }).check();
    await dialog.getByRole('button', { name: 'Export' }).click();
    // On a failure, say what the dialog showed instead (progress, an error, a stale name).
    await expect(dialog.getByText(`Exported ${expected}`))
      .toBeVisible({ timeout: 75_000 })
      .catch(async (err: Error) => {
        throw new Error(`${err.message}\nThe dialog said: ${await dialog.innerText().catch(() => '(gone)')}`);
      });
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('link', { name: 'Download PDF' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(expected);
    const file = path.join(app.dataDir, 'downloaded-' + expected);
    await download.saveAs(file);
    await dialog.getByRole('button', { name: 'Close' }).click();
    return readFileSync(file);
  };
  const audience = await exportOnce('None', 'central-asia-mining-handout-no-notes.pdf');
  const presenter = await exportOnce('My talking points', 'central-asia-mining-handout-talking-points.pdf');
  const exportsDir = path.join(app.dataDir, 'exports');
  expect(readdirSync(exportsDir).sort()).toEqual(['central-asia-mining-handout-no-notes.pdf', 'central-asia-mining-handout-talking-points.pdf']);
  expect(audience.equals(readFileSync(path.join(exportsDir, 'central-asia-mining-handout-no-notes.pdf')))).toBe(true);
  expect(presenter.equals(readFileSync(path.join(exportsDir, 'central-asia-mining-handout-talking-points.pdf')))).toBe(true);
  expect(audience.equals(presenter)).toBe(false);
});

test('a dropped deck with a BOM opens; one with non-UTF-8 bytes names the byte and nothing is written', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  const small = readFileSync(path.join(ROOT, 'tests/fixtures/decks/small-valid.briefing.json'));
  const drop = async (name: string, bytes: Buffer) => {
    const transfer = await page.evaluateHandle(
      ([fileName, body]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(body)], fileName, { type: 'application/json' }));
        return dt;
      },
      [name, [...bytes]] as const,
    );
    await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  };
  const at = small.indexOf('"title"') + 10;
  await drop('latin1.briefing.json', Buffer.concat([small.subarray(0, at), Buffer.from([0xe9]), small.subarray(at)]));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('latin1.briefing.json');
  await expect(alert).toContainText(`byte ${at} (0xe9) is not valid UTF-8`);
  await alert.getByRole('button', { name: 'Back to the open deck' }).click();
  expect(readdirSync(path.join(app.dataDir, 'decks'))).toEqual([]);

  await drop('bom-crlf.briefing.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(small.toString('utf8').replace(/\n/g, '\r\n'))]));
  await expect(page.getByRole('region', { name: 'Slide 1 of 3: Small valid deck' })).toBeVisible();
  const saved = readFileSync(path.join(app.dataDir, 'decks', 'bom-crlf.briefing.json'));
  expect(saved.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false); // stored without the BOM
});
