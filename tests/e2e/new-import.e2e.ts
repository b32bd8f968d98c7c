/**
 * File → New… and File → Import… as a person uses them: the dialog, the template
 * choice (by click and by arrow keys), the outline picker and a dropped outline —
 * each found on screen and as a file in the data folder that passes `briefing check`.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Deck } from '../../src-shared/deck-schema';
import { createDeckFromTemplate, DECK_TEMPLATES } from '../../src-shared/templates';
import { expect, test } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const OUTLINE = path.join(ROOT, 'tests/fixtures/outline.md');
const slideRegion = (page: Page) => page.getByRole('region', { name: /^Slide \d+ of \d+: / });

/** Runs the real `briefing check` on a deck file. */
function runCheck(file: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin', 'briefing.cjs'), 'check', file], (err, stdout, stderr) => {
      const code: unknown = err ? (err as { code?: unknown }).code : 0;
      resolve({ code: typeof code === 'number' ? code : null, output: stdout + stderr });
    });
  });
}

async function decksIn(dataDir: string): Promise<string[]> {
  try {
    return (await readdir(path.join(dataDir, 'decks'))).filter((f) => f.endsWith('.briefing.json')).sort();
  } catch {
    return [];
  }
}

async function openNewDialog(page: Page) {
  await page.getByRole('button', { name: /^File/ }).click();
  await page.getByRole('dialog', { name: 'File' }).getByRole('button', { name: 'New…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New deck' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('File → New… with each template writes a new deck in the data folder, opens it, and it passes briefing check', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(slideRegion(page)).toBeVisible();
  for (const template of DECK_TEMPLATES) {
    const before = await decksIn(app.dataDir);
    const dialog = await openNewDialog(page);
    // Every template is offered with its name and description.
    for (const t of DECK_TEMPLATES) await expect(dialog.getByRole('radio', { name: new RegExp(`^${t.name}`) })).toBeVisible();
    await expect(dialog.getByText(template.description)).toBeVisible();
    const title = `Test ${template.name} deck`;
    await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
    await dialog.getByRole('radio', { name: new RegExp(`^${template.name}`) }).check();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();

    const expected = createDeckFromTemplate(template.id, { title });
    const total = expected.slides.length;
    await expect(page.getByRole('region', { name: `Slide 1 of ${total}: ${title}`, exact: true })).toBeVisible();
    await expect(page).toHaveTitle(`${title} — Briefing Desk`);

    const added = (await decksIn(app.dataDir)).filter((f) => !before.includes(f));
    expect(added).toHaveLength(1);
    const file = path.join(app.dataDir, 'decks', added[0]);
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Deck;
    expect(onDisk.meta.title).toBe(title);
    expect(onDisk.slides.map((s) => [s.layout, s.title])).toEqual(expected.slides.map((s) => [s.layout, s.title]));
    expect(new Set(onDisk.slides.map((s) => s.id)).size).toBe(total);
    const check = await runCheck(file);
    expect(check.code, check.output).toBe(0);
  }
  expect(errors).toEqual([]);
});

test('Ctrl+N opens New…; arrow keys choose the template and Enter creates it; Escape cancels without a file', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(slideRegion(page)).toBeVisible();
  await page.keyboard.press('Control+n');
  let dialog = page.getByRole('dialog', { name: 'New deck' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await decksIn(app.dataDir)).toEqual([]);

  await page.keyboard.press('Control+n');
  dialog = page.getByRole('dialog', { name: 'New deck' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Keyboard deck');
  // Situation briefing is chosen first; one arrow down is Data update.
  await expect(dialog.getByRole('radio', { name: /^Situation briefing/ })).toBeChecked();
  await dialog.getByRole('radio', { name: /^Situation briefing/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('radio', { name: /^Data update/ })).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const expected = createDeckFromTemplate('data-update', { title: 'Keyboard deck' });
  await expect(page.getByRole('region', { name: `Slide 1 of ${expected.slides.length}: Keyboard deck`, exact: true })).toBeVisible();
  const files = await decksIn(app.dataDir);
  expect(files).toEqual(['keyboard-deck.briefing.json']);
  const onDisk = JSON.parse(await readFile(path.join(app.dataDir, 'decks', files[0]), 'utf8')) as Deck;
  expect(onDisk.slides.map((s) => s.layout)).toEqual(expected.slides.map((s) => s.layout));
  expect(errors).toEqual([]);
});

test('File → Import… of a Markdown outline opens it as a new deck, lists the warnings by line, and the file passes briefing check', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(slideRegion(page)).toBeVisible();
  await page.getByRole('button', { name: /^File/ }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('dialog', { name: 'File' }).getByRole('button', { name: 'Import…' }).click();
  await (await chooser).setFiles(OUTLINE);

  await expect(page.getByRole('region', { name: 'Slide 1 of 11: Harbour Freight Review', exact: true })).toBeVisible();
  const warnings = page.getByRole('dialog', { name: 'Import warnings' });
  await expect(warnings).toBeVisible();
  await expect(warnings.getByRole('listitem')).toHaveCount(4);
  await expect(warnings.getByText(/^line 7: front matter: "marp" is not used/)).toBeVisible();
  await expect(warnings.getByText(/^line 94: a table cannot be shown on a slide/)).toBeVisible();
  // Kept with the test's output, to look at the dialog as a person sees it.
  await page.screenshot({ path: test.info().outputPath('import-warnings.png') });
  await warnings.getByRole('button', { name: 'OK' }).click();
  await expect(warnings).toBeHidden();

  expect(await decksIn(app.dataDir)).toEqual(['outline.briefing.json']);
  const file = path.join(app.dataDir, 'decks', 'outline.briefing.json');
  const onDisk = JSON.parse(await readFile(file, 'utf8')) as Deck;
  expect(onDisk.meta.title).toBe('Harbour Freight Review');
  expect(onDisk.slides).toHaveLength(11);
  expect(onDisk.slides.some((s) => s.layout === 'chart')).toBe(true);
  const check = await runCheck(file);
  expect(check.code, check.output).toBe(0);
  expect(errors).toEqual([]);
});

test('a Markdown outline dropped on the window is imported, not opened as a deck', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(slideRegion(page)).toBeVisible();
  const text = await readFile(OUTLINE, 'utf8');
  const data = await page.evaluateHandle((md) => {
    const dt = new DataTransfer();
    dt.items.add(new File([md], 'harbour.md', { type: 'text/markdown' }));
    return dt;
  }, text);
  await page.dispatchEvent('main.app', 'dragover', { dataTransfer: data });
  await page.dispatchEvent('main.app', 'drop', { dataTransfer: data });
  await expect(page.getByRole('region', { name: 'Slide 1 of 11: Harbour Freight Review', exact: true })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Import warnings' }).getByRole('listitem')).toHaveCount(4);
  expect(await decksIn(app.dataDir)).toEqual(['harbour.briefing.json']);
  const check = await runCheck(path.join(app.dataDir, 'decks', 'harbour.briefing.json'));
  expect(check.code, check.output).toBe(0);
  expect(errors).toEqual([]);
});

test('an outline that is not UTF-8 is refused with the byte offset, and no deck file is written', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(slideRegion(page)).toBeVisible();
  const bad = path.join(app.dataDir, 'latin1.md');
  // "# Caf\xe9": Latin-1 bytes, as an old editor might save them.
  await writeFile(bad, Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
  await page.getByRole('button', { name: /^File/ }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('dialog', { name: 'File' }).getByRole('button', { name: 'Import…' }).click();
  await (await chooser).setFiles(bad);
  await expect(page.getByText(/latin1\.md/).first()).toBeVisible();
  await expect(page.getByText(/byte 5 \(0x[eE]9\) is not valid UTF-8/).first()).toBeVisible();
  expect(await decksIn(app.dataDir)).toEqual([]);
  await expect(page.getByRole('dialog', { name: 'Import warnings' })).toHaveCount(0);
});

test.describe('accessibility of New… and the import warnings', () => {
  // axe is injected as a script; the app's CSP (script-src 'self') would refuse it.
  test.use({ bypassCSP: true });
  for (const which of ['New deck', 'Import warnings'] as const) {
    test(`the ${which} dialog is labelled and passes axe (wcag2a, wcag2aa)`, async ({ page, app }) => {
      await page.goto(app.url);
      await expect(slideRegion(page)).toBeVisible();
      if (which === 'New deck') {
        await openNewDialog(page);
      } else {
        await page.getByRole('button', { name: /^File/ }).click();
        const chooser = page.waitForEvent('filechooser');
        await page.getByRole('dialog', { name: 'File' }).getByRole('button', { name: 'Import…' }).click();
        await (await chooser).setFiles(OUTLINE);
      }
      await expect(page.getByRole('dialog', { name: which })).toBeVisible();
      await page.addScriptTag({ path: path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
      type AxeResult = { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }>; passes: Array<{ id: string }> };
      const { violations, passes } = await page.evaluate(async (label) => {
        const axe = (window as unknown as { axe: { run: (el: Element, o: object) => Promise<AxeResult> } }).axe;
        const result = await axe.run(document.querySelector(`[role="dialog"][aria-label="${label}"]`)!, { runOnly: ['wcag2a', 'wcag2aa'] });
        return {
          violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`),
          passes: result.passes.map((p) => p.id),
        };
      }, which);
      expect(violations).toEqual([]);
      expect(passes).toEqual(expect.arrayContaining(['color-contrast']));
    });
  }
});
