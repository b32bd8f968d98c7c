/**
 * Images end to end in browser mode, against the real `briefing serve` and real
 * files: an image slide has ink where the picture is (pixels, not just an element),
 * in the overview and presenter view too; an image is added by the file picker and
 * by a drop, its alt text typed, and all of it found on screen and on disk; and a
 * stranger's deck — an SVG carrying script, a `../` path, a file that claims to be
 * PNG, a 50 MB image — is refused with clear messages while nothing runs.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Locator, Page } from '@playwright/test';
import { expect, serve, test, watchPageErrors } from './fixtures';

const region = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of \\d+: `) });
const saveStatus = (page: Page) => page.getByRole('status', { name: 'Save status' });
const panel = (page: Page) => page.getByRole('complementary', { name: 'Edit slide' });
const SHOTS = process.env.IMAGE_SHOTS;

async function solidPng(colour: string, w = 320, h = 180): Promise<Buffer> {
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, w, h);
  return canvas.encode('png');
}

/** Share of a screenshot's pixels close to `rgb`, and their bounding box. */
async function ink(shot: Buffer, rgb: [number, number, number]): Promise<{ share: number; box: { x0: number; y0: number; x1: number; y1: number }; width: number; height: number }> {
  const img = await loadImage(shot);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  let n = 0;
  const box = { x0: Infinity, y0: Infinity, x1: -1, y1: -1 };
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - rgb[0]) < 40 && Math.abs(data[i + 1] - rgb[1]) < 40 && Math.abs(data[i + 2] - rgb[2]) < 40) {
      n++;
      const x = (i / 4) % img.width;
      const y = Math.floor(i / 4 / img.width);
      box.x0 = Math.min(box.x0, x);
      box.y0 = Math.min(box.y0, y);
      box.x1 = Math.max(box.x1, x);
      box.y1 = Math.max(box.y1, y);
    }
  }
  return { share: n / (img.width * img.height), box, width: img.width, height: img.height };
}

async function writeDeck(dir: string, slides: unknown[], extra: Record<string, unknown> = {}): Promise<string> {
  const file = path.join(dir, 'pictures.briefing.json');
  await writeFile(file, JSON.stringify({ format: 'briefing-deck', version: 1, meta: { title: 'Pictures' }, ...extra, slides }, null, 2));
  return file;
}

async function onDisk(page: Page, file: string): Promise<{ slides: Array<{ image?: { src: string; alt?: string; caption?: string } }> }> {
  await expect(saveStatus(page)).toHaveText('Saved', { timeout: 15_000 });
  return JSON.parse(await readFile(file, 'utf8'));
}

/** Records dialogs and requests that leave the app's own host. */
function watchEscapes(page: Page, origin: string): string[] {
  const escapes: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) escapes.push(`request: ${url}`);
  });
  page.on('dialog', (dialog) => {
    escapes.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return escapes;
}

test('an image slide has its picture where expected, without distortion, in the slide, the overview and the presenter view', async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-images-'));
  await mkdir(path.join(dir, 'images'));
  await writeFile(path.join(dir, 'images', 'red.png'), await solidPng('#d00000', 320, 180));
  const blue = `data:image/png;base64,${(await solidPng('#0000d0', 200, 200)).toString('base64')}`;
  const file = await writeDeck(
    dir,
    [
      { id: 'map', layout: 'image', title: 'A red map', image: { src: 'images/red.png', alt: 'A red rectangle standing in for a map', caption: 'Figure 1: red', source: 'atlas' } },
      { id: 'side', layout: 'bullets', title: 'Bullets with a picture', bullets: ['First point', 'Second point'], image: { src: blue, alt: 'A blue square' } },
    ],
    { sources: [{ id: 'atlas', title: 'Natural Earth', publisher: 'Natural Earth' }] },
  );
  const served = await serve({ deck: file });
  try {
    const errors = watchPageErrors(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(served.url);
    const slide = region(page, 1);
    const img = slide.getByRole('img', { name: 'A red rectangle standing in for a map' });
    await expect(img).toBeVisible();
    await expect(slide).toContainText('Figure 1: red');
    await expect(slide).toContainText('Source: Natural Earth');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(320);

    const shot = await slide.screenshot();
    if (SHOTS) await writeFile(path.join(SHOTS, 'image-slide.png'), shot);
    const red = await ink(shot, [208, 0, 0]);
    // The picture fills much of the slide, below the title, in its own 16:9 proportions.
    expect(red.share).toBeGreaterThan(0.25);
    expect(red.box.y0).toBeGreaterThan(red.height * 0.12);
    expect((red.box.x1 - red.box.x0 + 1) / (red.box.y1 - red.box.y0 + 1)).toBeCloseTo(320 / 180, 1);

    await page.keyboard.press('ArrowRight');
    const side = region(page, 2);
    await expect(side.getByRole('img', { name: 'A blue square' })).toBeVisible();
    const sideShot = await side.screenshot();
    if (SHOTS) await writeFile(path.join(SHOTS, 'bullets-image.png'), sideShot);
    const blueInk = await ink(sideShot, [0, 0, 208]);
    expect(blueInk.share).toBeGreaterThan(0.05);
    // Beside the bullets: on the right half, and square.
    expect(blueInk.box.x0).toBeGreaterThan(blueInk.width * 0.5);
    expect((blueInk.box.x1 - blueInk.box.x0 + 1) / (blueInk.box.y1 - blueInk.box.y0 + 1)).toBeCloseTo(1, 1);

    await page.keyboard.press('o');
    const overview = page.getByRole('dialog', { name: 'Overview of all slides' });
    await expect(overview.getByRole('img', { name: 'A red rectangle standing in for a map' })).toBeVisible();
    await expect(overview.getByRole('img', { name: 'A blue square' })).toBeVisible();
    const overviewInk = await ink(await overview.screenshot(), [208, 0, 0]);
    expect(overviewInk.share).toBeGreaterThan(0.01);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Home');

    const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('p')]);
    await expect(presenter.getByRole('img', { name: 'A red rectangle standing in for a map' }).first()).toBeVisible();
    const presenterShot = await presenter.screenshot();
    if (SHOTS) await writeFile(path.join(SHOTS, 'presenter-image.png'), presenterShot);
    expect((await ink(presenterShot, [208, 0, 0])).share).toBeGreaterThan(0.03);
    expect(errors).toEqual([]);
  } finally {
    await served.stop();
  }
});

/** Opens the deck with the edit panel on slide 1. */
async function editFirstSlide(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  await expect(region(page, 1)).toBeVisible();
  await page.keyboard.press('e');
  await expect(panel(page)).toBeVisible();
  return panel(page);
}

test('an image is added with the file picker, its alt text and caption typed, then replaced by a drop on the editor and on the slide, removed, and undone', async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-images-'));
  const file = await writeDeck(dir, [{ id: 'pic', layout: 'image', title: 'A picture' }]);
  const green = await solidPng('#00a000', 300, 150);
  await writeFile(path.join(dir, 'green.png'), green);
  const served = await serve({ deck: file });
  try {
    const errors = watchPageErrors(page);
    const edit = await editFirstSlide(page, served.url);
    const slide = region(page, 1);
    await expect(slide).toContainText('No image yet');
    await expect(edit.getByText('an "image" slide needs an image')).toBeVisible();

    await edit.getByLabel('Choose an image…').setInputFiles(path.join(dir, 'green.png'));
    // No alt text yet: the picture is there, but not yet described to assistive technology.
    await expect(slide.locator('img')).toBeVisible();
    // Without alt text, the field says so with the check's message.
    const alt = edit.getByRole('textbox', { name: 'Alt text' });
    await expect(alt).toHaveAttribute('aria-invalid', 'true');
    await expect(alt).toHaveAccessibleDescription(/missing alt text/);
    await alt.pressSequentially('A green band across the region');
    await edit.getByRole('textbox', { name: 'Caption' }).fill('Green, from a file');
    await expect(slide.getByRole('img', { name: 'A green band across the region' })).toBeVisible();
    await expect(slide).toContainText('Green, from a file');
    await expect(alt).not.toHaveAttribute('aria-invalid', 'true');
    expect((await ink(await slide.screenshot(), [0, 160, 0])).share).toBeGreaterThan(0.2);
    if (SHOTS) await edit.screenshot({ path: path.join(SHOTS, 'image-editor.png') });

    let deck = await onDisk(page, file);
    expect(deck.slides[0].image).toEqual({ src: `data:image/png;base64,${green.toString('base64')}`, alt: 'A green band across the region', caption: 'Green, from a file' });

    // A drop on the editor replaces the picture and keeps its words.
    const purple = await solidPng('#800080', 100, 100);
    const drop = edit.getByRole('group', { name: 'Drop an image here' });
    const transfer = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'square.png', { type: 'image/png' }));
      return dt;
    }, purple.toString('base64'));
    await drop.dispatchEvent('dragover', { dataTransfer: transfer });
    await drop.dispatchEvent('drop', { dataTransfer: transfer });
    await expect.poll(async () => (await ink(await slide.screenshot(), [128, 0, 128])).share).toBeGreaterThan(0.05);
    deck = await onDisk(page, file);
    expect(deck.slides[0].image).toEqual({ src: `data:image/png;base64,${purple.toString('base64')}`, alt: 'A green band across the region', caption: 'Green, from a file' });
    // The image dropped on the editor was not taken for a deck to open.
    await expect(page.getByRole('region', { name: /^Slide 1 of 1: A picture$/ })).toBeVisible();

    // Dropped on the slide itself while editing, a picture goes to the image editor too.
    const orange = await solidPng('#ff8000', 160, 90);
    const onSlide = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'orange.png', { type: 'image/png' }));
      return dt;
    }, orange.toString('base64'));
    await slide.dispatchEvent('dragover', { dataTransfer: onSlide });
    await slide.dispatchEvent('drop', { dataTransfer: onSlide });
    await expect.poll(async () => (await ink(await slide.screenshot(), [255, 128, 0])).share).toBeGreaterThan(0.2);
    deck = await onDisk(page, file);
    expect(deck.slides[0].image?.src).toBe(`data:image/png;base64,${orange.toString('base64')}`);
    await expect(page.getByRole('region', { name: /^Slide 1 of 1: A picture$/ })).toBeVisible();

    await edit.getByRole('button', { name: 'Remove image' }).click();
    await expect(slide).toContainText('No image yet');
    deck = await onDisk(page, file);
    expect(deck.slides[0].image).toBeUndefined();
    await page.keyboard.press('Control+z');
    await expect(slide.getByRole('img', { name: 'A green band across the region' })).toBeVisible();
    deck = await onDisk(page, file);
    expect(deck.slides[0].image?.src).toBe(`data:image/png;base64,${orange.toString('base64')}`);
    expect(errors).toEqual([]);
  } finally {
    await served.stop();
  }
});

test('a file that claims to be PNG and a 50 MB image are refused on the field, and nothing is saved', async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-images-'));
  const file = await writeDeck(dir, [{ id: 'pic', layout: 'bullets', title: 'Bullets', bullets: ['One'] }]);
  const before = await readFile(file, 'utf8');
  await writeFile(path.join(dir, 'fake.png'), 'this is a text file with a .png name');
  const huge = Buffer.alloc(50 * 1024 * 1024);
  (await solidPng('#000000', 4, 4)).copy(huge);
  await writeFile(path.join(dir, 'huge.png'), huge);
  const served = await serve({ deck: file });
  try {
    const errors = watchPageErrors(page);
    const edit = await editFirstSlide(page, served.url);
    const picker = edit.getByLabel('Choose an image…');
    await picker.setInputFiles(path.join(dir, 'fake.png'));
    await expect(edit.getByRole('alert')).toHaveText('fake.png: the file claims to be PNG but is not an image (its bytes are no PNG, JPEG, WebP or SVG)');
    await expect(picker).toHaveAttribute('aria-invalid', 'true');
    await picker.setInputFiles(path.join(dir, 'huge.png'));
    await expect(edit.getByRole('alert')).toHaveText('huge.png: the image is 50.0 MB; at most 5 MB');
    if (SHOTS) await edit.screenshot({ path: path.join(SHOTS, 'image-refused.png') });
    await expect(region(page, 1).getByRole('img')).toHaveCount(0);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(errors).toEqual([]);
  } finally {
    await served.stop();
  }
});

test("a stranger's deck: the SVG's script never runs, and a ../ path, a fake PNG and a 50 MB image are refused with clear messages", async ({ page }) => {
  const root = await mkdtemp(path.join(tmpdir(), 'briefing-stranger-'));
  const dir = path.join(root, 'deck');
  await mkdir(dir);
  await writeFile(path.join(root, 'secret.png'), await solidPng('#ff00ff'));
  await writeFile(path.join(dir, 'fake.png'), '<html><script>window.__pwned = "fake"</script></html>');
  const huge = Buffer.alloc(50 * 1024 * 1024);
  (await solidPng('#000000', 4, 4)).copy(huge);
  await writeFile(path.join(dir, 'huge.png'), huge);
  const svg = [
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 100" onload="window.__pwned = \'onload\'; alert(1)">',
    '<script>window.__pwned = "script"; alert(2)</script>',
    '<foreignObject width="200" height="100"><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert(3)"></iframe></foreignObject>',
    '<image xlink:href="http://127.0.0.1:9/track.png" width="10" height="10"/>',
    '<rect width="200" height="100" fill="#00a000"/>',
    '</svg>',
  ].join('');
  await writeFile(path.join(dir, 'evil.svg'), svg);
  const file = await writeDeck(dir, [
    { id: 'svg', layout: 'image', title: 'Embedded SVG', image: { src: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, alt: 'A green band' } },
    { id: 'svgfile', layout: 'image', title: 'SVG file', image: { src: 'evil.svg', alt: 'A green band from a file' } },
    { id: 'escape', layout: 'image', title: 'Escape', image: { src: '../secret.png', alt: 'secret' } },
    { id: 'fake', layout: 'image', title: 'Fake', image: { src: 'fake.png', alt: 'fake' } },
    { id: 'huge', layout: 'image', title: 'Huge', image: { src: 'huge.png', alt: 'huge' } },
    { id: 'fakedata', layout: 'image', title: 'Fake data', image: { src: `data:image/png;base64,${Buffer.from('<script>window.__pwned=1</script>').toString('base64')}`, alt: 'fake data' } },
  ]);
  const served = await serve({ deck: file });
  try {
    const errors = watchPageErrors(page);
    const escapes = watchEscapes(page, served.origin);
    await page.goto(served.url);

    for (const n of [1, 2]) {
      const slide = region(page, n);
      await expect(slide).toBeVisible();
      const img = slide.getByRole('img');
      await expect(img).toBeVisible();
      // Sanitised in main: the <img> gets SVG with no script, handler, foreignObject or external link.
      const shown = await img.getAttribute('src');
      const text = Buffer.from(shown!.split(',')[1], 'base64').toString();
      expect(text).not.toMatch(/script|onload|foreignObject|iframe|127\.0\.0\.1|__pwned/);
      await expect.poll(async () => (await ink(await slide.screenshot(), [0, 160, 0])).share).toBeGreaterThan(0.2);
      await page.keyboard.press('ArrowRight');
    }
    const refusals: Array<[number, RegExp]> = [
      [3, /Image not shown: the image path leaves the deck's folder \(".."\)/],
      [4, /Image not shown: the file claims to be PNG but is not an image/],
      [5, /Image not shown: the image is 50\.0 MB; at most 5 MB/],
      [6, /Image not shown: the file claims to be PNG but is not an image/],
    ];
    for (const [n, message] of refusals) {
      const slide = region(page, n);
      await expect(slide.getByRole('note')).toHaveText(message);
      await expect(slide.getByRole('img')).toHaveCount(0);
      if (n < 6) await page.keyboard.press('ArrowRight');
    }
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'image-refused-slide.png') });
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('svg script, foreignObject, iframe').count()).toBe(0);
    expect(escapes).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await served.stop();
  }
});
