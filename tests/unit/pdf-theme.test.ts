/**
 * The deck's theme in the PDF, read back as a person would see it: page images
 * (pdftoppm) for the high-contrast colours and the logo on the title slide, the
 * embedded images (pdfimages -list) for the logo in the footers, the fonts
 * (pdffonts) for the font choice, and the page count for 4:3 slides.
 */
import { execFileSync } from 'node:child_process';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportOptions } from '../../src-shared/api';
import type { Deck, Theme } from '../../src-shared/deck-schema';
import { exportHandoutPdf } from '../../src-main/core/pdf/export-pdf';
import { expectedSlidePages } from '../../src-main/core/pdf/layouts';
import { imageSize } from '../../src-main/core/pdf/pdf-logo';
import { loadDefaultDeck } from './pdf-fixtures';
import { pdfInfo, pdfOutline, popplerMissing, renderPage, tempDir, writePdf } from './pdf-tools';

const missing = popplerMissing();
const { dir, cleanup } = tempDir('briefing-theme-');
afterAll(cleanup);

const SLIDES: ExportOptions = { layout: 'slides', notes: 'none', annex: false };
/** A 200 × 80 logo in a colour no theme uses (magenta), so its pixels are easy to find. */
async function magentaLogo(): Promise<string> {
  const canvas = createCanvas(200, 80);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#e4007c';
  ctx.fillRect(0, 0, 200, 80);
  return `data:image/png;base64,${(await canvas.encode('png')).toString('base64')}`;
}

const themed = (theme: Theme): Deck => ({ ...loadDefaultDeck(), theme });

async function exported(name: string, deck: Deck, options: ExportOptions = SLIDES): Promise<string> {
  const { buffer } = await exportHandoutPdf(deck, options);
  return writePdf(dir, name, buffer);
}

/** RGBA of the pixel at (fx, fy), given as fractions of the page, at 50 dpi. */
async function pixel(file: string, page: number, fx: number, fy: number): Promise<[number, number, number]> {
  const image = await loadImage(renderPage(file, page, 50));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const d = ctx.getImageData(Math.round(image.width * fx), Math.round(image.height * fy), 1, 1).data;
  return [d[0], d[1], d[2]];
}

/** Share of the page region (fractions) whose pixels are near `rgb`. */
async function share(file: string, page: number, region: { x: number; y: number; w: number; h: number }, rgb: [number, number, number]): Promise<number> {
  const image = await loadImage(renderPage(file, page, 50));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(Math.round(image.width * region.x), Math.round(image.height * region.y), Math.round(image.width * region.w), Math.round(image.height * region.h));
  let near = 0;
  for (let p = 0; p < data.length; p += 4) if (Math.abs(data[p] - rgb[0]) + Math.abs(data[p + 1] - rgb[1]) + Math.abs(data[p + 2] - rgb[2]) < 40) near++;
  return near / (data.length / 4);
}

describe.skipIf(missing)(`the deck's theme in the PDF${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('high contrast: section slides are black, not the default navy; the logo sits top right on the title slide', async () => {
    const logo = { src: await magentaLogo(), alt: 'Acme' };
    const plain = await exported('default.pdf', themed({ logo }));
    const high = await exported('high-contrast.pdf', themed({ base: 'high-contrast', logo }));
    const outline = pdfOutline(high);
    const sectionIndex = loadDefaultDeck().slides.findIndex((slide) => slide.layout === 'section');
    const section = outline[sectionIndex].page;
    const [r, g, b] = await pixel(high, section, 0.5, 0.5);
    expect(r + g + b, 'section fill in high contrast').toBeLessThan(30);
    const navy = await pixel(plain, pdfOutline(plain)[sectionIndex].page, 0.5, 0.5);
    expect(Math.abs(navy[0] - 0x14) + Math.abs(navy[1] - 0x30) + Math.abs(navy[2] - 0x4f)).toBeLessThan(30);
    // The logo: magenta in the top right corner of the title slide, nowhere in its top left.
    const title = outline[0].page;
    expect(await share(high, title, { x: 0.7, y: 0.03, w: 0.28, h: 0.2 }, [0xe4, 0x00, 0x7c])).toBeGreaterThan(0.05);
    expect(await share(high, title, { x: 0.02, y: 0.03, w: 0.4, h: 0.2 }, [0xe4, 0x00, 0x7c])).toBe(0);
  });

  it('the logo is embedded once per use: on the cover, the title slide and every footer (pdfimages -list)', async () => {
    // The handout: a cover and footers (the slides layout, a projector backup, has neither).
    const file = await exported('logo.pdf', themed({ logo: { src: await magentaLogo(), alt: 'Acme' } }), { layout: 'handout', notes: 'none', annex: false });
    const pages = Number(pdfInfo(file).Pages);
    const rows = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols.length > 4 && cols[2] === 'image' && cols[3] === '200' && cols[4] === '80');
    const onPages = new Set(rows.map((cols) => Number(cols[0])));
    // Every page: the cover has it above the title, every other page in its footer.
    for (let p = 1; p <= pages; p++) expect(onPages.has(p), `logo on page ${p}`).toBe(true);
    // The title slide's page shows it twice: on the slide and in the footer.
    expect(rows.filter((cols) => Number(cols[0]) === pdfOutline(file)[0].page).length).toBe(2);
  });

  it('a file that only claims to be an image is left out, and the handout is still made', async () => {
    const file = await exported('fake-logo.pdf', themed({ logo: { src: `data:image/png;base64,${Buffer.from('not a png at all').toString('base64')}`, alt: 'x' } }));
    const listed = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
    expect(listed).not.toMatch(/\s200\s+80\s/);
    expect(Number(pdfInfo(file).Pages)).toBeGreaterThan(1);
  });

  it('the font choice reaches the PDF: DejaVu Sans is embedded instead of Noto Sans', async () => {
    const dejavu = execFileSync('pdffonts', [await exported('dejavu.pdf', themed({ font: 'dejavu-sans' }))], { encoding: 'utf8' });
    expect(dejavu).toMatch(/DejaVuSans/);
    expect(dejavu).not.toMatch(/NotoSans/);
    const noto = execFileSync('pdffonts', [await exported('noto.pdf', themed({}))], { encoding: 'utf8' });
    expect(noto).toMatch(/NotoSans/);
  });

  it('4:3 slides keep every layout on its pages: two a page in the handout, three in three-up', async () => {
    const deck = themed({ aspect: '4:3' });
    for (const layout of ['handout', 'three-up'] as const) {
      const file = await exported(`4x3-${layout}.pdf`, deck, { layout, notes: 'none', annex: false });
      expect(Number(pdfInfo(file).Pages), layout).toBe(1 + expectedSlidePages(layout, 2, deck.slides.length));
    }
  });
});

describe('logo headers', () => {
  it('reads the size of PNG, JPEG and WebP without decoding them', async () => {
    const canvas = createCanvas(123, 45);
    canvas.getContext('2d').fillRect(0, 0, 123, 45);
    expect(imageSize(await canvas.encode('png'), 'png')).toEqual({ width: 123, height: 45 });
    expect(imageSize(await canvas.encode('jpeg'), 'jpeg')).toEqual({ width: 123, height: 45 });
    expect(imageSize(await canvas.encode('webp'), 'webp')).toEqual({ width: 123, height: 45 });
  });
});
