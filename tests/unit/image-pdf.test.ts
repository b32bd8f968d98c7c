/**
 * Deck images in the PDF: on every layout, read back with poppler (`pdfimages
 * -list` shows them; the page is rendered and has the image's colour where it
 * should be), SVG drawn only after sanitising, and a refused image left out with
 * a line saying why — nothing read from outside the deck's folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF_LAYOUTS } from '../../src-shared/api';
import type { Deck } from '../../src-shared/deck-schema';
import { parseDeckText } from '../../src-shared/deck-validate';
import { exportHandoutPdf } from '../../src-main/core/pdf/export-pdf';
import { sizedSvg } from '../../src-main/core/image-pdf';
import { runExportCommand } from '../../src-main/cli/export-command';
import { popplerMissing, pdfText, tempDir, writePdf } from './pdf-tools';

const missing = popplerMissing();

async function solid(type: 'png' | 'jpeg' | 'webp', colour: string, w = 320, h = 180): Promise<string> {
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, w, h);
  const bytes = type === 'png' ? await canvas.encode('png') : type === 'jpeg' ? await canvas.encode('jpeg', 90) : await canvas.encode('webp', 90);
  return `data:image/${type};base64,${bytes.toString('base64')}`;
}

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" onload="alert(1)"><script>alert(2)</script><rect width="200" height="100" fill="#00a000"/></svg>';

async function imageDeck(): Promise<Deck> {
  const deck = {
    format: 'briefing-deck',
    version: 1,
    meta: { title: 'Pictures' },
    sources: [{ id: 'atlas', title: 'Natural Earth', publisher: 'Natural Earth' }],
    slides: [
      { id: 'red', layout: 'image', title: 'A red picture', image: { src: await solid('png', '#d00000'), alt: 'A red rectangle', caption: 'Red, drawn as PNG', source: 'atlas' } },
      { id: 'jpeg', layout: 'bullets', title: 'Bullets and a photo', bullets: ['One point', 'Another point'], image: { src: await solid('jpeg', '#0000d0'), alt: 'A blue rectangle' } },
      { id: 'webp', layout: 'two-column', title: 'Columns and WebP', columns: [{ heading: 'A', bullets: ['a'] }, { heading: 'B', bullets: ['b'] }], image: { src: await solid('webp', '#d0d000'), alt: 'Yellow' } },
      { id: 'svg', layout: 'image', title: 'An SVG', image: { src: `data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}`, alt: 'A green band' } },
      { id: 'fake', layout: 'image', title: 'A fake PNG', image: { src: `data:image/png;base64,${Buffer.from('not a png').toString('base64')}`, alt: 'x' } },
      { id: 'path', layout: 'image', title: 'A stray path', image: { src: 'file:///etc/passwd', alt: 'x' } },
    ],
  };
  const parsed = parseDeckText(JSON.stringify(deck));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.deck;
}

describe.skipIf(missing)(`images in the PDF${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const work = tempDir('briefing-image-pdf-');
  const files = new Map<string, string>();
  beforeAll(async () => {
    const deck = await imageDeck();
    for (const layout of PDF_LAYOUTS) {
      const { buffer } = await exportHandoutPdf(deck, { layout, notes: 'none', annex: false });
      files.set(layout, writePdf(work.dir, `${layout}.pdf`, buffer));
    }
  }, 120_000);
  afterAll(() => (process.env.KEEP_PDF ? undefined : work.cleanup()));

  it('pdfimages -list shows the PNG, JPEG, WebP and SVG images on every layout', () => {
    for (const layout of PDF_LAYOUTS) {
      const rows = execFileSync('pdfimages', ['-list', files.get(layout)!], { encoding: 'utf8' }).trim().split('\n').slice(2);
      // Four pictures (the fake and the stray path are left out); a PNG may carry an alpha mask row ("smask").
      const images = rows.filter((r) => !/\bsmask\b/.test(r));
      expect(images.length, layout).toBeGreaterThanOrEqual(4);
      expect(rows.some((r) => /\bjpeg\b/.test(r)), layout).toBe(true);
      expect(rows.some((r) => /\b320\s+180\b/.test(r)), layout).toBe(true);
    }
  });

  it('says which images were left out and why, and shows captions and sources', () => {
    const text = pdfText(files.get('slides')!);
    expect(text).toMatch(/Image not shown: the file claims to be PNG but is not an image/);
    expect(text).toMatch(/Image not shown: a file: URL is not allowed as an image/);
    expect(text).toContain('Red, drawn as PNG');
    expect(text).toContain('Source: Natural Earth');
    expect(text).not.toMatch(/root:x:0/);
  });

  it('draws the image where the slide has it: the page has its colour, in its proportions', () => {
    const out = path.join(work.dir, 'page');
    // The slides layout has no cover (a projector backup): the first slide is page 1.
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', files.get('slides')!, out]);
    const png = readFileSync(`${out}-1.png`);
    return loadImage(png).then((img) => {
      const canvas = createCanvas(img.width, img.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      let red = 0;
      let minX = Infinity;
      let maxX = 0;
      let minY = Infinity;
      let maxY = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] > 180 && data[i + 1] < 60 && data[i + 2] < 60) {
          red++;
          const x = (i / 4) % img.width;
          const y = Math.floor(i / 4 / img.width);
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
      // The picture fills a good part of the slide, below the title, at 16:9 like its pixels.
      expect(red / (img.width * img.height)).toBeGreaterThan(0.15);
      expect(minY).toBeGreaterThan(img.height * 0.1);
      expect((maxX - minX + 1) / (maxY - minY + 1)).toBeCloseTo(320 / 180, 1);
    });
  });

  it('the SVG is drawn (green) after its script was removed', () => {
    const out = path.join(work.dir, 'svg');
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '4', '-l', '4', files.get('slides')!, out]);
    const png = readFileSync(`${out}-4.png`);
    return loadImage(png).then((img) => {
      const canvas = createCanvas(img.width, img.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      let green = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 60 && data[i + 1] > 130 && data[i + 2] < 60) green++;
      expect(green / (img.width * img.height)).toBeGreaterThan(0.15);
    });
  });
});

describe.skipIf(missing)(`alt text in the PDF${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it("the annex lists each picture's alt text, since pdfmake cannot tag an image", async () => {
    const work = tempDir('briefing-image-annex-');
    try {
      const { buffer } = await exportHandoutPdf(await imageDeck(), { layout: 'handout', notes: 'none', annex: true });
      const text = pdfText(writePdf(work.dir, 'annex.pdf', buffer)).replace(/\s+/g, ' ');
      expect(text).toContain('Images What each picture in the slides shows');
      expect(text).toContain('Slide 1: A red picture — A red rectangle');
      expect(text).toContain('Slide 2: Bullets and a photo — A blue rectangle');
      expect(text).toContain('Slide 4: An SVG — A green band');
    } finally {
      work.cleanup();
    }
  }, 60_000);
});

describe.skipIf(missing)(`briefing export with images named by path${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('reads the file beside the deck, refuses a symlink out, and says which image it left out', async () => {
    const work = tempDir('briefing-image-cli-');
    try {
      const dir = path.join(work.dir, 'deck');
      mkdirSync(path.join(dir, 'images'), { recursive: true });
      const png = Buffer.from((await solid('png', '#d00000', 240, 120)).split(',')[1], 'base64');
      writeFileSync(path.join(dir, 'images', 'red.png'), png);
      writeFileSync(path.join(work.dir, 'outside.png'), png);
      symlinkSync(path.join(work.dir, 'outside.png'), path.join(dir, 'link.png'));
      const deckFile = path.join(dir, 'board.briefing.json');
      writeFileSync(
        deckFile,
        JSON.stringify({
          format: 'briefing-deck',
          version: 1,
          meta: { title: 'Board' },
          slides: [
            { id: 'red', layout: 'image', title: 'Red', image: { src: 'images/red.png', alt: 'Red' } },
            { id: 'link', layout: 'image', title: 'Link', image: { src: 'link.png', alt: 'Link' } },
          ],
        }),
      );
      const out = path.join(work.dir, 'board.pdf');
      const errors: string[] = [];
      const code = await runExportCommand([deckFile, '-o', out, '--layout', 'slides'], () => undefined, (line: string) => errors.push(line));
      expect(code).toBe(0);
      expect(errors.join('\n')).toMatch(/slides\[1\]\.image\.src: the image path "link.png" leads outside the deck's folder through a symbolic link.*\(the image is left out\)/);
      const rows = execFileSync('pdfimages', ['-list', out], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(rows.filter((r) => /\b240\s+120\b/.test(r)).length).toBeGreaterThanOrEqual(1);
      expect(pdfText(out)).toMatch(/Image not shown: the image file "link.png" was not read for this export/);
    } finally {
      work.cleanup();
    }
  }, 60_000);
});

describe('sizing an SVG to draw', () => {
  it('takes the size from the viewBox, keeping its proportions', () => {
    expect(sizedSvg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect/></svg>')).toMatch(/^<svg width="1600" height="800" xmlns/);
    expect(sizedSvg('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="60"><rect/></svg>')).toMatch(/^<svg viewBox="0 0 30 60" width="800" height="1600"/);
  });
});
