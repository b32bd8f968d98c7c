/**
 * Text in the presenter view as a new user met it (issue 9, "Also"): "≠" was drawn as
 * "=/" over the following space, because the bundled Noto Sans has no "≠" and the text
 * shaper built it from "=" and a combining solidus instead of falling back to a font
 * that has it. Talking points were shown as raw "- " lines; they now read as bullets
 * while not being edited.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, serve, test, watchPageErrors } from './fixtures';

const DECK = {
  format: 'briefing-deck',
  version: 1,
  meta: { title: 'Symbols' },
  slides: [
    { id: 'neq', layout: 'bullets', title: 'Supply ≠ demand', bullets: ['Price ≠ cost', 'Risk → reward'], notes: 'Output ≠ demand' },
    { id: 'points', layout: 'section', title: 'Points', notes: 'Open with the figure.\n- First point\n- Second point\nThen pause.' },
  ],
};

/** Counts pixels of ink (far from the background colour) in a screenshot of `clip`. */
async function inkIn(page: Page, clip: { x: number; y: number; width: number; height: number }): Promise<number> {
  const png = await page.screenshot({ clip });
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    const [r0, g0, b0] = [data[0], data[1], data[2]];
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) > 120) ink++;
    return ink;
  }, png.toString('base64'));
}

/** The boxes of the characters at [start, end) of the first text node under `el` that holds `text`. */
async function charBox(el: Locator, text: string, start: number, end: number) {
  return el.evaluate(
    (node, [t, s, e]) => {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n as Text).data.indexOf(t as string);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at + (s as number));
        range.setEnd(n, at + (e as number));
        const r = range.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }
      throw new Error(`no text ${t}`);
    },
    [text, start, end] as const,
  );
}

test('"≠" is drawn as one glyph in the presenter view and the space after it stays a space', async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-symbols-'));
  const file = path.join(dir, 'symbols.briefing.json');
  await writeFile(file, JSON.stringify(DECK));
  const own = await serve({ deck: file });
  try {
    await page.goto(own.url);
    await expect(page.getByRole('region', { name: 'Slide 1 of 2: Supply ≠ demand' })).toBeVisible();
    const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('p')]);
    const errors = watchPageErrors(presenter);
    const current = presenter.getByRole('region', { name: 'Current slide: Slide 1 of 2: Supply ≠ demand', exact: true });
    await expect(current).toBeVisible();
    await presenter.evaluate(() => document.fonts.ready);

    // The text is what the deck says: "≠" followed by a real space.
    const heading = current.getByRole('heading', { name: 'Supply ≠ demand' });
    await expect(heading).toHaveText('Supply ≠ demand');
    await expect(current.getByText('Price ≠ cost', { exact: true })).toBeVisible();
    await expect(presenter.getByRole('textbox', { name: 'Talking points', exact: true })).toHaveValue('Output ≠ demand');

    // Drawn: the "≠" has ink of its own, and the space after it has none (the "=/" drew its
    // slash over the space). The space's box is narrowed by a pixel each side for anti-aliasing.
    for (const [el, text] of [
      [heading, 'Supply ≠ demand'],
      [current.getByText('Price ≠ cost', { exact: true }), 'Price ≠ cost'],
    ] as const) {
      const at = text.indexOf('≠');
      const neq = await charBox(el, text, at, at + 1);
      const space = await charBox(el, text, at + 1, at + 2);
      expect(await inkIn(presenter, neq)).toBeGreaterThan(0);
      const inner = { x: space.x + 1, y: space.y, width: Math.max(1, space.width - 2), height: space.height };
      expect(await inkIn(presenter, inner), `ink in the space after "≠" in "${text}"`).toBe(0);
    }
    await heading.screenshot({ path: test.info().outputPath('presenter-neq.png') });
    expect(errors).toEqual([]);
  } finally {
    await own.stop();
  }
});

test('talking points read as a bulleted list in the presenter view, and as typed while editing', async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-points-'));
  const file = path.join(dir, 'points.briefing.json');
  await writeFile(file, JSON.stringify(DECK));
  const own = await serve({ deck: file });
  try {
    await page.goto(own.url);
    await expect(page.getByRole('region', { name: /^Slide 1 of 2: / })).toBeVisible();
    const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('p')]);
    const errors = watchPageErrors(presenter);
    await expect(presenter.getByRole('region', { name: /^Current slide: Slide 1 of 2: / })).toBeVisible();
    await presenter.keyboard.press('ArrowRight');
    await expect(presenter.getByRole('region', { name: 'Current slide: Slide 2 of 2: Points', exact: true })).toBeVisible();

    const field = presenter.getByRole('textbox', { name: 'Talking points', exact: true });
    const list = presenter.getByTestId('notes-read-view');
    await expect(list).toBeVisible();
    await expect(list.locator('li')).toHaveText(['First point', 'Second point']);
    await expect(list.locator('p')).toHaveText(['Open with the figure.', 'Then pause.']);
    await expect(list).not.toContainText('- ');
    // The raw lines under the list are not drawn.
    await expect(field).toHaveCSS('color', 'rgba(0, 0, 0, 0)');
    await list.screenshot({ path: test.info().outputPath('notes-bullets.png') });

    // Editing shows the lines as typed; leaving the field shows the list again, with the new point.
    await field.click();
    await expect(list).toBeHidden();
    await expect(field).not.toHaveCSS('color', 'rgba(0, 0, 0, 0)');
    await presenter.keyboard.press('ControlOrMeta+End');
    await presenter.keyboard.press('Enter');
    await presenter.keyboard.type('- Third point');
    await expect(field).toHaveValue('Open with the figure.\n- First point\n- Second point\nThen pause.\n- Third point');
    await presenter.getByRole('heading', { name: /Talking points/ }).click();
    await expect(list.locator('li')).toHaveText(['First point', 'Second point', 'Third point']);
    await expect(presenter.getByRole('status', { name: 'Save status' })).toHaveText('Saved');
    expect(JSON.parse(await readFile(file, 'utf8')).slides[1].notes).toBe('Open with the figure.\n- First point\n- Second point\nThen pause.\n- Third point');
    expect(errors).toEqual([]);
  } finally {
    await own.stop();
  }
});
