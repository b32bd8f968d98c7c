/**
 * Any deck, any script (issue 13): a deck with Kazakh, Chinese, Greek, Arabic and Hebrew
 * text and a 200-character unbroken word, on a machine with no CJK system font (this
 * one). The bundled fonts draw every glyph (the browser reports which font drew a node's
 * text), no text leaves its slide, Arabic and Hebrew run right to left, and the views
 * are photographed for docs/.
 */
import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, serve, test, watchPageErrors, type Served } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'tests/fixtures/decks/multilingual.briefing.json');
const SCREENSHOTS = process.env.BRIEFING_DOC_SCREENSHOTS === '1' ? path.join(ROOT, 'docs') : undefined;

interface FixtureDeck {
  meta: { title: string };
  slides: Array<{ id: string; layout: string; title: string; bullets?: string[]; subtitle?: string }>;
}

/** The fixture copied to a temp folder (edits are saved in place) and served. */
async function serveFixture(): Promise<{ app: Served; file: string; deck: FixtureDeck }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-i18n-'));
  const file = path.join(dir, 'multilingual.briefing.json');
  await copyFile(FIXTURE, file);
  const deck = JSON.parse(await readFile(FIXTURE, 'utf8')) as FixtureDeck;
  return { app: await serve({ deck: file }), file, deck };
}

const slideRegion = (page: Page, n: number, total: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of ${total}:`) });

/** The fonts Chromium actually used to draw the text of the first node matching `selector` (DevTools protocol). */
async function fontsDrawing(page: Page, selector: string): Promise<Array<{ familyName: string; isCustomFont: boolean; glyphCount: number }>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`no node for ${selector}`);
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts;
  } finally {
    await cdp.detach();
  }
}

/** Every element under the visible slide whose box pokes out of the slide's box (1 px of rounding allowed). */
async function escapees(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const slide = [...document.querySelectorAll<HTMLElement>('section[role="region"][aria-roledescription="slide"]')].find((el) => getComputedStyle(el).visibility === 'visible' && el.getBoundingClientRect().width > 0);
    if (!slide) return ['no visible slide'];
    const box = slide.getBoundingClientRect();
    const out: string[] = [];
    const outside = (r: DOMRect) => r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1;
    const where = (r: DOMRect) => `${Math.round(r.left)}..${Math.round(r.right)} × ${Math.round(r.top)}..${Math.round(r.bottom)} outside ${Math.round(box.left)}..${Math.round(box.right)} × ${Math.round(box.top)}..${Math.round(box.bottom)}`;
    // Content for screen readers only (a chart's data table) is clipped to 1 px: nothing of it is drawn.
    const drawn = (el: Element | null) => !el?.closest('.sr-only');
    for (const el of slide.querySelectorAll<HTMLElement>('*')) {
      if (!drawn(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (outside(r)) out.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').slice(0, 40)}" ${where(r)}`);
    }
    // The text itself, line by line: a word running past its element's edge is caught here.
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim() || !drawn(node.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0 && outside(r)) out.push(`text "${node.textContent.slice(0, 40)}" ${where(r)}`);
    }
    return out;
  });
}

test('Chinese text is drawn with the bundled CJK font, loaded only for a deck that has it', async ({ page, errors }) => {
  const { app, deck } = await serveFixture();
  try {
    const fontRequests: string[] = [];
    page.on('request', (r) => {
      if (/\.ttf(\?|$)/.test(r.url())) fontRequests.push(path.basename(new URL(r.url()).pathname));
    });
    await page.goto(app.url);
    const slide = slideRegion(page, 1, deck.slides.length);
    await expect(slide).toBeVisible();
    await expect(slide.getByRole('heading', { level: 1 })).toHaveText(deck.slides[0].title);
    await page.evaluate(() => document.fonts.ready);

    // The bundled CJK face is loaded, and the browser says it has every glyph of the text.
    const faces = await page.evaluate(() =>
      [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'Briefing Sans').map((f) => ({ range: f.unicodeRange, status: f.status, weight: f.weight })),
    );
    const cjkFaces = faces.filter((f) => /U\+4E00-9FFF/i.test(f.range));
    expect(cjkFaces.length).toBeGreaterThan(0);
    expect(cjkFaces.some((f) => f.status === 'loaded')).toBe(true);
    expect(await page.evaluate(() => document.fonts.check('700 40px "Briefing Sans"', '一带一路'))).toBe(true);

    // What drew the title: Noto Sans for Kazakh and Greek, Droid Sans Fallback for the Han
    // characters, DejaVu Sans for the Arabic, all of them our files (custom fonts), no system font.
    const titleFonts = await fontsDrawing(page, 'section[aria-roledescription="slide"] h1');
    const names = titleFonts.map((f) => f.familyName);
    expect(names).toEqual(expect.arrayContaining(['Noto Sans', 'Droid Sans Fallback', 'DejaVu Sans']));
    expect(titleFonts.filter((f) => !f.isCustomFont), 'text drawn with a system font').toEqual([]);
    const han = titleFonts.find((f) => f.familyName === 'Droid Sans Fallback');
    expect(han?.glyphCount).toBeGreaterThanOrEqual(4);

    // A pixel check against the tofu box: the same four characters drawn with a family this
    // machine lacks (system fallback, no CJK font installed) look different from ours.
    const differ = await page.evaluate(async () => {
      const draw = (family: string) => {
        const c = document.createElement('canvas');
        c.width = 240;
        c.height = 60;
        const ctx = c.getContext('2d')!;
        ctx.font = `40px ${family}`;
        ctx.fillText('一带一路', 0, 45);
        return ctx.getImageData(0, 0, 240, 60).data;
      };
      await document.fonts.load('40px "Briefing Sans"', '一带一路');
      const ours = draw('"Briefing Sans"');
      const tofu = draw('"No Such Font Here"');
      let diff = 0;
      for (let i = 3; i < ours.length; i += 4) if (Math.abs(ours[i] - tofu[i]) > 64) diff++;
      return diff;
    });
    expect(differ, 'pixels that differ from the fallback rendering').toBeGreaterThan(200);

    // "≠" is drawn by DejaVu Sans, not decomposed into "=/".
    await page.keyboard.press('ArrowRight');
    await expect(slideRegion(page, 2, deck.slides.length)).toBeVisible();
    const symbolFonts = await fontsDrawing(page, 'section[aria-roledescription="slide"] li:nth-child(4)');
    expect(symbolFonts.map((f) => f.familyName)).toContain('DejaVu Sans');
    expect(symbolFonts.filter((f) => !f.isCustomFont)).toEqual([]);

    // Loaded once however many faces point at it.
    expect(fontRequests.filter((f) => f.startsWith('DroidSansFallbackFull')).length).toBe(1);
    expect(errors).toEqual([]);
  } finally {
    await app.stop();
  }
});

test('a deck with only Latin text never downloads the CJK font', async ({ page, app, errors }) => {
  const fontRequests: string[] = [];
  page.on('request', (r) => {
    if (/\.ttf(\?|$)/.test(r.url())) fontRequests.push(path.basename(new URL(r.url()).pathname));
  });
  await page.goto(app.url);
  await expect(page.getByRole('region', { name: /^Slide 1 of / })).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  // Step through a few slides (charts, stats, bullets) so their text has asked for its fonts.
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  await page.evaluate(() => document.fonts.ready);
  expect(fontRequests.some((f) => f.startsWith('NotoSans-'))).toBe(true);
  expect(fontRequests.filter((f) => f.startsWith('DroidSansFallbackFull'))).toEqual([]);
  expect(errors).toEqual([]);
});

test('no text leaves its slide: every layout, the 200-character word wraps', async ({ page, errors }) => {
  const { app, deck } = await serveFixture();
  try {
    for (const size of [
      { width: 1280, height: 720 },
      { width: 800, height: 450 },
    ]) {
      await page.setViewportSize(size);
      await page.goto(app.url);
      // The app remembers the last slide of a deck across reloads: the second size
      // would open on the last slide of the first pass. Start from slide 1 by key.
      await expect(page.getByRole('region', { name: /^Slide \d+ of / })).toBeVisible();
      await page.keyboard.press('Home');
      for (let n = 1; n <= deck.slides.length; n++) {
        const slide = slideRegion(page, n, deck.slides.length);
        await expect(slide).toBeVisible();
        await page.evaluate(() => document.fonts.ready);
        expect(await escapees(page), `slide ${n} (${deck.slides[n - 1].layout}) at ${size.width}×${size.height}`).toEqual([]);
        if (n < deck.slides.length) await page.keyboard.press('ArrowRight');
      }
    }
    // The long word itself: on slide 2 it is broken over lines, inside the slide.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    const longBullet = slideRegion(page, 2, deck.slides.length).locator('li').nth(2);
    const lines = await longBullet.evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
    expect(lines).toBeGreaterThan(1);
    expect(errors).toEqual([]);
  } finally {
    await app.stop();
  }
});

test('Arabic and Hebrew run right to left on the slide, in the overview and in the presenter view', async ({ page, errors }) => {
  const { app, deck } = await serveFixture();
  try {
    await page.goto(app.url);
    const total = deck.slides.length;
    await expect(slideRegion(page, 1, total)).toBeVisible();
    await page.keyboard.press('ArrowRight');
    const slide = slideRegion(page, 2, total);
    await expect(slide).toBeVisible();
    const direction = (loc: ReturnType<Page['locator']>) => loc.evaluate((el) => getComputedStyle(el).direction);
    await expect.poll(() => direction(slide.getByRole('heading', { level: 1 }))).toBe('rtl');
    const bullets = slide.locator('li');
    expect(await direction(bullets.nth(0))).toBe('rtl'); // Arabic
    expect(await direction(bullets.nth(1))).toBe('rtl'); // Hebrew
    expect(await direction(bullets.nth(2))).toBe('ltr'); // Latin
    expect(await direction(bullets.nth(3))).toBe('ltr'); // Greek first
    // An RTL line starts at the right: its text's right edge is at the box's right edge.
    const edges = await bullets.nth(0).evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const text = range.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return { gapRight: box.right - text.right, gapLeft: text.left - box.left };
    });
    expect(edges.gapRight).toBeLessThan(2);
    expect(edges.gapLeft).toBeGreaterThan(edges.gapRight);

    // Stats labels: slide 4, the first label is Arabic.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const stats = slideRegion(page, 4, total);
    await expect(stats).toBeVisible();
    expect(await direction(stats.locator('.label').first())).toBe('rtl');
    expect(await direction(stats.locator('.label').nth(1))).toBe('ltr');

    // Overview caption of slide 2: the title is isolated and runs right to left.
    await page.keyboard.press('o');
    const overview = page.getByRole('dialog', { name: 'Overview of all slides' });
    const thumb = overview.getByRole('button', { name: `Go to slide 2: ${deck.slides[1].title}`, exact: true });
    await expect(thumb).toBeVisible();
    expect(await direction(thumb.locator('.caption bdi'))).toBe('rtl');
    await page.keyboard.press('Escape');

    // Presenter view: the talking points of slide 2 read Arabic then Hebrew, each right to left.
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('p')]);
    const presenterErrors = watchPageErrors(presenter);
    await expect(presenter.getByRole('region', { name: /^Current slide: Slide 2 of / })).toBeVisible();
    const notes = presenter.getByRole('textbox', { name: 'Talking points', exact: true });
    await expect(notes).toHaveValue(/العربية/);
    expect(await notes.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('plaintext');
    const current = presenter.getByRole('region', { name: /^Current slide:/ });
    expect(await direction(current.getByRole('heading', { level: 1 }))).toBe('rtl');
    expect(errors).toEqual([]);
    expect(presenterErrors).toEqual([]);
  } finally {
    await app.stop();
  }
});

test('Arabic typed into the edit panel runs right to left in the field and on the slide, and is saved', async ({ page, errors }) => {
  const { app, file, deck } = await serveFixture();
  try {
    await page.goto(app.url);
    await expect(slideRegion(page, 1, deck.slides.length)).toBeVisible();
    await page.keyboard.press('e');
    const panel = page.getByRole('complementary', { name: 'Edit slide' });
    const title = panel.getByRole('textbox', { name: 'Title', exact: true });
    await title.fill('');
    await title.pressSequentially('مرحبا بالعالم', { delay: 5 });
    expect(await title.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('plaintext');
    const heading = slideRegion(page, 1, deck.slides.length).getByRole('heading', { level: 1 });
    await expect(heading).toHaveText('مرحبا بالعالم');
    expect(await heading.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await expect(page.getByRole('status').filter({ hasText: /^Saved$/ }).first()).toBeVisible({ timeout: 10_000 });
    await expect.poll(async () => JSON.parse(await readFile(file, 'utf8')).slides[0].title).toBe('مرحبا بالعالم');
    expect(errors).toEqual([]);
  } finally {
    await app.stop();
  }
});

test('screenshots for docs: the multilingual title slide and the presenter view', async ({ page, errors }) => {
  const { app, deck } = await serveFixture();
  try {
    await page.goto(app.url);
    const slide = slideRegion(page, 1, deck.slides.length);
    await expect(slide).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    await page.mouse.move(0, 0);
    const out = (name: string) => (SCREENSHOTS ? path.join(SCREENSHOTS, name) : test.info().outputPath(name));
    await slide.screenshot({ path: out('multilingual-title.png') });
    await page.keyboard.press('ArrowRight');
    const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('p')]);
    await presenter.setViewportSize({ width: 1280, height: 720 });
    await expect(presenter.getByRole('region', { name: /^Current slide: Slide 2 of / })).toBeVisible();
    await presenter.evaluate(() => document.fonts.ready);
    await presenter.screenshot({ path: out('multilingual-presenter.png') });
    expect(errors).toEqual([]);
  } finally {
    await app.stop();
  }
});

test('a chart whose only Chinese text is its axis labels gets the bundled CJK font', async ({ page, errors }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-chart-cjk-'));
  const file = path.join(dir, 'chart.briefing.json');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(
    file,
    JSON.stringify({
      format: 'briefing-deck',
      version: 1,
      meta: { title: 'Chart labels' },
      sources: [{ id: 's', title: 'Source' }],
      slides: [{ id: 'c', layout: 'chart', title: 'Investment by region', sources: ['s'], chart: { type: 'bar', labels: ['中亚', '东亚'], series: [{ name: 'USD bn', values: [40, 12] }] } }],
    }),
  );
  const app = await serve({ deck: file });
  try {
    await page.goto(app.url);
    await expect(page.getByRole('region', { name: 'Slide 1 of 1: Investment by region' })).toBeVisible();
    // Nothing in the page's text is Chinese: only the chart plugin can have asked for the face.
    // (The chart's data table for screen readers has the labels too, clipped to 1 px: not drawn text.)
    expect(await page.evaluate(() => [...document.querySelectorAll('body *:not(script):not(style)')].some((el) => !el.closest('.sr-only') && [...el.childNodes].some((n) => n.nodeType === 3 && /[\u4e00-\u9fff]/.test(n.textContent ?? ''))))).toBe(false);
    await expect
      .poll(() => page.evaluate(() => [...document.fonts].some((f) => /U\+4E00-9FFF/i.test(f.unicodeRange) && f.status === 'loaded')))
      .toBe(true);
    expect(errors).toEqual([]);
  } finally {
    await app.stop();
  }
});
