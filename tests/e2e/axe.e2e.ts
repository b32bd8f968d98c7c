/**
 * axe-core on every view (issue 13), WCAG 2.1 A and AA rules, 0 violations: every slide of
 * the default briefing and of the multilingual fixture (every layout), the overview, help,
 * edit panel, export dialog, file menu, slide menu, new-deck dialog, layout picker, and in
 * the presenter window the presenter view, look-ahead, search and its help. Then the same
 * app with the keyboard alone: every command reachable, focus visible, and focus back on
 * the opener when a dialog closes.
 */
import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { axeViolations, describeViolations, MINIATURE_BUTTONS } from './axe-scan';
import { expect, serve, test, watchPageErrors } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'tests/fixtures/decks/multilingual.briefing.json');
const BUNDLED = path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json');

type DeckJson = { slides: Array<{ layout: string; title: string }> };

async function expectClean(page: Page, view: string, suppress = [] as (typeof MINIATURE_BUTTONS)[]): Promise<void> {
  // Charts animate in, text waits for fonts, the control bar fades out when idle: scan the
  // settled view. Under reduced motion the bar is shown or hidden at once, so a scan never
  // meets it half faded (axe would measure its text against the slide behind it).
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 350)));
  const found = describeViolations(await axeViolations(page, { suppress }));
  expect(found, `axe violations in ${view}`).toEqual([]);
}

/** Where the rule is suppressed, what it protects still holds: each button's name contains its visible label. */
async function expectNamesHoldLabels(buttons: Locator, labelSelector: string): Promise<void> {
  const pairs = await buttons.evaluateAll(
    (els, sel) => els.map((el) => ({ name: el.getAttribute('aria-label') ?? '', label: el.querySelector(sel)?.textContent ?? '' })),
    labelSelector,
  );
  expect(pairs.length).toBeGreaterThan(0);
  const words = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  for (const { name, label } of pairs) {
    expect(words(label).length, `visible label of "${name}"`).toBeGreaterThan(0);
    expect(words(name), 'button name contains its visible label').toContain(words(label));
  }
}

for (const [name, file] of [
  ['the default briefing', BUNDLED],
  ['the multilingual fixture', FIXTURE],
] as const) {
  test(`every slide of ${name}: no axe violations`, async ({ page }) => {
    test.setTimeout(120_000);
    const deck = JSON.parse(await readFile(file, 'utf8')) as DeckJson;
    const dir = await mkdtemp(path.join(tmpdir(), 'briefing-axe-'));
    const copy = path.join(dir, path.basename(file));
    await copyFile(file, copy);
    const app = await serve({ deck: copy });
    const errors = watchPageErrors(page);
    try {
      await page.goto(app.url);
      const layouts = new Set<string>();
      for (let n = 1; n <= deck.slides.length; n++) {
        await expect(page.getByRole('region', { name: new RegExp(`^Slide ${n} of ${deck.slides.length}:`) })).toBeVisible();
        await expectClean(page, `slide ${n} (${deck.slides[n - 1].layout})`);
        layouts.add(deck.slides[n - 1].layout);
        if (n < deck.slides.length) await page.keyboard.press('ArrowRight');
      }
      expect(layouts.size).toBeGreaterThan(5);
      expect(errors).toEqual([]);
    } finally {
      await app.stop();
    }
  });
}

test('overview, help, edit panel, export dialog, file menu, deck properties, slide menu, new deck, layout picker: no axe violations', async ({ page, app, errors }) => {
  test.setTimeout(120_000);
  await page.goto(app.url);
  await expect(page.getByRole('region', { name: /^Slide 1 of / })).toBeVisible();

  await page.keyboard.press('o');
  const overview = page.getByRole('dialog', { name: 'Overview of all slides' });
  await expect(overview).toBeVisible();
  await expectClean(page, 'overview', [MINIATURE_BUTTONS]);
  await expectNamesHoldLabels(overview.locator('.thumb'), ':scope > .caption');
  await page.keyboard.press('Escape');
  await expect(overview).toBeHidden();

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expectClean(page, 'help');
  await page.keyboard.press('Escape');

  await page.keyboard.press('e');
  await expect(page.getByRole('complementary', { name: 'Edit slide' })).toBeVisible();
  await expectClean(page, 'edit panel (title slide)');
  await page.getByRole('button', { name: 'Close the edit panel' }).press('Enter');
  await expect(page.getByRole('complementary', { name: 'Edit slide' })).toBeHidden();
  // The edit panel of a chart slide: the data grid and its fields.
  await page.keyboard.press('5');
  await page.keyboard.press('Enter');
  await page.keyboard.press('e');
  await expect(page.getByRole('complementary', { name: 'Edit slide' })).toBeVisible();
  await expectClean(page, 'edit panel (chart slide)');
  await page.getByRole('button', { name: 'Close the edit panel' }).press('Enter');

  await page.keyboard.press('Control+e');
  await expect(page.getByRole('dialog', { name: /export/i })).toBeVisible();
  await expectClean(page, 'export dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const bar = page.getByRole('toolbar', { name: 'Briefing controls' });
  await bar.getByRole('button', { name: 'File', exact: true }).press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectClean(page, 'file menu');
  // Deck properties: metadata, the theme, its chart colours (the theme's, then the deck's own).
  await page.getByRole('dialog', { name: 'File' }).getByRole('button', { name: 'Deck properties…' }).click();
  const properties = page.getByRole('dialog', { name: 'Deck properties' });
  await expect(properties.getByRole('group', { name: 'Chart colours' })).toBeVisible();
  await expectClean(page, 'deck properties');
  await properties.getByRole('textbox', { name: 'Chart colour 1', exact: true }).fill('#8a1c1c');
  await expect(properties.getByRole('button', { name: 'Use the theme’s colours' })).toBeVisible();
  await expectClean(page, 'deck properties with the deck’s own chart colours');
  await properties.getByRole('button', { name: 'Use the theme’s colours' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await bar.getByRole('button', { name: 'Slide', exact: true }).press('Enter');
  await expect(page.getByRole('dialog', { name: 'Slide' })).toBeVisible();
  await expectClean(page, 'slide menu');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.keyboard.press('Control+n');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectClean(page, 'new deck dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.keyboard.press('Control+m');
  const picker = page.getByRole('dialog', { name: 'Choose a layout' });
  await expect(picker).toBeVisible();
  await expectClean(page, 'layout picker', [MINIATURE_BUTTONS]);
  await expectNamesHoldLabels(picker.getByRole('group', { name: 'Layouts' }).getByRole('button'), ':scope > .name');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('presenter view, look-ahead, search and presenter help: no axe violations', async ({ page, app, errors }) => {
  test.setTimeout(120_000);
  await page.goto(app.url);
  await expect(page.getByRole('region', { name: /^Slide 1 of / })).toBeVisible();
  const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('p')]);
  const presenterErrors = watchPageErrors(presenter);
  await expect(presenter.getByRole('region', { name: /^Current slide:/ })).toBeVisible();
  await expectClean(presenter, 'presenter view');
  await presenter.keyboard.press('ArrowRight');
  await presenter.keyboard.press('ArrowRight');
  await presenter.keyboard.press('ArrowRight');
  await presenter.keyboard.press('ArrowRight');
  await expect(presenter.getByRole('region', { name: /^Current slide: Slide 5 of/ })).toBeVisible();
  await expectClean(presenter, 'presenter view on a chart slide');

  await presenter.keyboard.press('o');
  const lookAhead = presenter.getByRole('dialog');
  await expect(lookAhead).toBeVisible();
  await expectClean(presenter, 'look-ahead', [MINIATURE_BUTTONS]);
  await expectNamesHoldLabels(lookAhead.locator('.thumb'), ':scope > .caption');
  await presenter.keyboard.press('Escape');
  await expect(presenter.getByRole('dialog')).toHaveCount(0);
  // A previewed slide (the banner) too.
  await presenter.keyboard.press('j');
  await expect(presenter.getByRole('region', { name: /^Previewing:/ })).toBeVisible();
  await expectClean(presenter, 'look-ahead preview');
  await presenter.keyboard.press('Escape');

  await presenter.keyboard.press('/');
  const search = presenter.getByRole('dialog', { name: 'Search slides' });
  await expect(search).toBeVisible();
  await presenter.keyboard.type('Kazakhstan');
  await expect(search.getByRole('status')).toHaveText(/slide/);
  await expectClean(presenter, 'search with results');
  await presenter.keyboard.press('Escape');
  await expect(search).toBeHidden();

  await presenter.keyboard.press('?');
  await expect(presenter.getByRole('dialog')).toBeVisible();
  await expectClean(presenter, 'presenter help');
  await presenter.keyboard.press('Escape');
  expect(errors).toEqual([]);
  expect(presenterErrors).toEqual([]);
});

/** Presses Tab until the focused element matches, at most `limit` times; returns the names passed. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** The focused element shows a ring: an outline or a box shadow drawn by the focus style. */
async function focusRing(page: Page): Promise<{ what: string; visible: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { what: 'body', visible: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    return { what: `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`, visible: outline || shadow };
  });
}

test('keyboard only: every control reached with Tab, focus visible, focus back on the opener when a dialog closes', async ({ page, app, errors }) => {
  test.setTimeout(120_000);
  await page.goto(app.url);
  await expect(page.getByRole('region', { name: /^Slide 1 of / })).toBeVisible();
  const bar = page.getByRole('toolbar', { name: 'Briefing controls' });
  const commands = ['File', 'Slide', 'Overview', 'Presenter', 'Edit', 'Export PDF…', 'Full screen', 'Help'];

  // Tab walks through every command of the control bar, each with a visible ring.
  const reached: string[] = [];
  for (let i = 0; i < 30 && reached.length < commands.length; i++) {
    await page.keyboard.press('Tab');
    const ring = await focusRing(page);
    const label = await page.evaluate(() => (document.activeElement?.closest('[role="toolbar"]') ? document.activeElement.textContent?.trim() : undefined));
    if (label) {
      expect(ring.visible, `focus ring on ${ring.what}`).toBe(true);
      if (!reached.includes(label)) reached.push(label);
    }
  }
  expect(reached).toEqual(commands);
  // Focused, the faded control bar shows itself.
  expect(await bar.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');

  // Each dialog opened from its button with Enter closes with Escape and gives focus back.
  for (const [command, dialog] of [
    ['Help', page.getByRole('dialog', { name: 'Keyboard shortcuts' })],
    ['File', page.getByRole('dialog')],
    ['Slide', page.getByRole('dialog', { name: 'Slide' })],
    ['Export PDF…', page.getByRole('dialog', { name: /export/i })],
    ['Overview', page.getByRole('dialog', { name: 'Overview of all slides' })],
  ] as const) {
    const button = bar.getByRole('button', { name: command, exact: true });
    await tabTo(page, button);
    await page.keyboard.press('Enter');
    await expect(dialog, `${command} opens`).toBeVisible();
    // Focus moved into the dialog, and a Tab stays inside it with a visible ring.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]')), `${command}: focus inside the dialog`).toBe(true);
    expect((await focusRing(page)).visible, `${command}: focus ring inside the dialog`).toBe(true);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(button, `${command}: focus returns to its button`).toBeFocused();
  }

  // The edit panel: opened with Enter on "Edit", closed with its × button, focus back on "Edit".
  const edit = bar.getByRole('button', { name: 'Edit', exact: true });
  await tabTo(page, edit);
  await page.keyboard.press('Enter');
  const panel = page.getByRole('complementary', { name: 'Edit slide' });
  await expect(panel).toBeVisible();
  await tabTo(page, panel.getByRole('button', { name: 'Close the edit panel' }));
  expect((await focusRing(page)).visible).toBe(true);
  await page.keyboard.press('Enter');
  await expect(panel).toBeHidden();
  await expect(edit).toBeFocused();

  // A key opens the overview (focus on the page, not a button): picking a slide with the
  // arrows and Enter moves there, and nothing is left focused inside a closed dialog.
  await page.keyboard.press('o');
  const overview = page.getByRole('dialog', { name: 'Overview of all slides' });
  await expect(overview).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect((await focusRing(page)).visible).toBe(true);
  await page.keyboard.press('Enter');
  await expect(overview).toBeHidden();
  await expect(page.getByRole('region', { name: /^Slide 3 of / })).toBeVisible();
  expect(await page.evaluate(() => document.activeElement?.isConnected ?? false)).toBe(true);
  expect(errors).toEqual([]);
});

test('keyboard only in the presenter view: controls reached with Tab, search returns focus to its button', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(page.getByRole('region', { name: /^Slide 1 of / })).toBeVisible();
  const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('p')]);
  const presenterErrors = watchPageErrors(presenter);
  await expect(presenter.getByRole('region', { name: /^Current slide:/ })).toBeVisible();
  const nav = presenter.getByRole('navigation', { name: 'Presenter controls' });
  for (const name of ['Look ahead', 'Search', 'Previous slide', 'Next slide', 'Black screen', 'Keys', 'Close']) {
    await tabTo(presenter, nav.getByRole('button', { name, exact: true }));
    expect((await focusRing(presenter)).visible, `focus ring on ${name}`).toBe(true);
  }
  const searchButton = nav.getByRole('button', { name: 'Search', exact: true });
  await tabTo(presenter, searchButton);
  await presenter.keyboard.press('Enter');
  const search = presenter.getByRole('dialog', { name: 'Search slides' });
  await expect(search).toBeVisible();
  await expect(search.getByRole('searchbox').or(search.getByRole('textbox'))).toBeFocused();
  await presenter.keyboard.press('Escape');
  await expect(search).toBeHidden();
  await expect(searchButton).toBeFocused();

  const keys = nav.getByRole('button', { name: 'Keys', exact: true });
  await tabTo(presenter, keys);
  await presenter.keyboard.press('Enter');
  await expect(presenter.getByRole('dialog')).toBeVisible();
  await presenter.keyboard.press('Escape');
  await expect(presenter.getByRole('dialog')).toHaveCount(0);
  await expect(keys).toBeFocused();
  expect(errors).toEqual([]);
  expect(presenterErrors).toEqual([]);
});
