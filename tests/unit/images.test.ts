/**
 * Deck images: the type comes from the bytes, sizes are limited with clear
 * messages, a path never leaves the deck's folder (symlinks included), SVG is
 * sanitised before anything shows it, and `briefing check` reports each problem.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDeckFile } from '../../src-main/cli/check-command';
import { callApi, createApiHandlers } from '../../src-main/core/api-handlers';
import { loadDeckImage, readImageFile, resolveDeckImages } from '../../src-main/core/image-files';
import { sanitizeSvg } from '../../src-main/core/image-svg';
import { checkDeck, formatCheckProblem } from '../../src-shared/deck-check';
import { LIMITS, type Deck } from '../../src-shared/deck-schema';
import { validateDeck } from '../../src-shared/deck-validate';
import {
  base64DecodedLength,
  checkDataUrl,
  checkImageBytes,
  classifyImageSrc,
  decodeBase64,
  encodeBase64,
  imageSizeProblem,
  sniffImageType,
} from '../../src-shared/image-sniff';
import { hostileDeck } from './pdf-fixtures';

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const WEBP_HEAD = Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#c00"/></svg>';
const dataUrl = (type: string, bytes: Uint8Array | string) => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

function deckWith(image: Record<string, unknown>, layout = 'image'): Record<string, unknown> {
  return {
    format: 'briefing-deck',
    version: 1,
    meta: { title: 'Images' },
    slides: [{ id: 'map', layout, title: 'Map', image }],
  };
}

describe('sniffing the type from the bytes', () => {
  it('knows PNG, JPEG, WebP and SVG by their bytes', () => {
    expect(sniffImageType(PNG_1PX)).toBe('image/png');
    expect(sniffImageType(JPEG_HEAD)).toBe('image/jpeg');
    expect(sniffImageType(WEBP_HEAD)).toBe('image/webp');
    expect(sniffImageType(Buffer.from(SVG))).toBe('image/svg+xml');
  });

  it('finds <svg after a BOM, an XML declaration, comments and a doctype', () => {
    const text = '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + SVG;
    expect(sniffImageType(Buffer.from(text))).toBe('image/svg+xml');
  });

  it('refuses text that is not SVG, HTML with an svg inside, and a doctype that defines entities', () => {
    expect(sniffImageType(Buffer.from('hello'))).toBeNull();
    expect(sniffImageType(Buffer.from(`<html><body>${SVG}</body></html>`))).toBeNull();
    expect(sniffImageType(Buffer.from(`<!DOCTYPE svg [<!ENTITY a "aaaa">]>${SVG}`))).toBeNull();
    expect(sniffImageType(Buffer.from('GIF89a'))).toBeNull();
  });

  it('never trusts the name or the declared type: "claims to be PNG but is not"', () => {
    const fake = Buffer.from('this is a text file, not a picture');
    const named = checkImageBytes(fake, fake.length, 'photo.png');
    expect(named).toEqual({ ok: false, message: expect.stringMatching(/claims to be PNG but is not an image/) });
    const declared = checkDataUrl(dataUrl('image/png', fake));
    expect(declared.ok).toBe(false);
    expect(!declared.ok && declared.message).toMatch(/claims to be PNG but is not/);
    // A JPEG declared as PNG is a JPEG: the bytes decide.
    expect(checkDataUrl(dataUrl('image/png', JPEG_HEAD))).toMatchObject({ ok: true, type: 'image/jpeg' });
  });

  it('base64 round-trips, and decoded sizes are known without decoding', () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i * 37) % 256);
    for (const n of [0, 1, 2, 3, 998, 1000]) {
      const b64 = encodeBase64(bytes.subarray(0, n));
      expect(b64).toBe(Buffer.from(bytes.subarray(0, n)).toString('base64'));
      expect(Array.from(decodeBase64(b64))).toEqual(Array.from(bytes.subarray(0, n)));
      expect(base64DecodedLength(b64)).toBe(n);
    }
    expect(Array.from(decodeBase64(encodeBase64(bytes), 8))).toEqual(Array.from(bytes.subarray(0, 8)));
  });
});

describe('size limits', () => {
  it('says how big the image is and what the limit is', () => {
    expect(imageSizeProblem(50 * 1024 * 1024)).toBe('the image is 50.0 MB; at most 5 MB');
    expect(imageSizeProblem(LIMITS.maxImageBytes)).toBeNull();
  });

  it('check names the slide and the path of a too-large embedded image', () => {
    const big = Buffer.alloc(LIMITS.maxImageBytes + 1024);
    PNG_1PX.copy(big);
    const { errors } = checkDeck(deckWith({ src: dataUrl('image/png', big), alt: 'x' }));
    expect(errors.map(formatCheckProblem)).toContain("slide 1 'Map' (id map) at slides[0].image.src: the image is 5.0 MB; at most 5 MB");
  });

  it('refuses a deck whose images together pass the deck limit', () => {
    const four = Buffer.alloc(4 * 1024 * 1024);
    PNG_1PX.copy(four);
    const src = dataUrl('image/png', four);
    const deck = {
      format: 'briefing-deck',
      version: 1,
      meta: { title: 'Many' },
      slides: [0, 1, 2, 3, 4].map((i) => ({ id: `s${i}`, layout: 'image', title: `S${i}`, image: { src, alt: 'x' } })),
    };
    expect(checkDeck(deck).errors.map((e) => e.message)).toContain("the deck's images come to 20.0 MB together; at most 16 MB for one deck");
  });
});

describe('where an image may live', () => {
  it.each([
    ['../secret.png', /leaves the deck's folder/],
    ['images/../../x.png', /leaves the deck's folder/],
    ['/etc/passwd', /absolute path/],
    ['C:\\Windows\\x.png', /absolute path/],
    ['file:///etc/passwd', /file: URL/],
    ['https://example.com/x.png', /URL is not allowed/],
    ['images\\x.png', /separate folders with "\/"/],
    ['a\u0000.png', /control characters/],
  ])('refuses %j', (src, message) => {
    const where = classifyImageSrc(src);
    expect(where.kind).toBe('refused');
    expect(where.kind === 'refused' && where.message).toMatch(message);
  });

  it('accepts a path inside the folder and a data URL', () => {
    expect(classifyImageSrc('images/map.png')).toEqual({ kind: 'path', segments: ['images', 'map.png'] });
    expect(classifyImageSrc('./map.png')).toEqual({ kind: 'path', segments: ['map.png'] });
    expect(classifyImageSrc(dataUrl('image/png', PNG_1PX)).kind).toBe('data');
  });

  it('missing alt text is an error for check, but the deck still opens so it can be fixed', () => {
    const deck = deckWith({ src: dataUrl('image/png', PNG_1PX) });
    expect(validateDeck(deck).ok).toBe(true);
    expect(checkDeck(deck).errors.map(formatCheckProblem)).toEqual([
      "slide 1 'Map' (id map) at slides[0].image.alt: missing alt text: say what the image shows, for people who cannot see it",
    ]);
    expect(checkDeck(deckWith({ src: dataUrl('image/png', PNG_1PX), alt: 'A map' })).errors).toEqual([]);
  });

  it("the hostile PDF fixture's file:///etc/passwd image is refused by check, not read", () => {
    const { errors } = checkDeck(hostileDeck());
    expect(errors.find((e) => e.path === 'slides[1].image.src')?.message).toMatch(/a file: URL is not allowed as an image/);
  });
});

describe('reading image files beside the deck', () => {
  let dir: string;
  let deckFile: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'briefing-images-'));
    mkdirSync(path.join(dir, 'deck', 'images'), { recursive: true });
    deckFile = path.join(dir, 'deck', 'board.briefing.json');
    writeFileSync(path.join(dir, 'deck', 'images', 'dot.png'), PNG_1PX);
    writeFileSync(path.join(dir, 'deck', 'fake.png'), 'not a picture at all');
    writeFileSync(path.join(dir, 'outside.png'), PNG_1PX);
    writeFileSync(path.join(dir, 'deck', 'huge.png'), Buffer.alloc(50 * 1024 * 1024));
    writeFileSync(path.join(dir, 'deck', 'evil.svg'), `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><rect width="4" height="4"/></svg>`);
    symlinkSync(path.join(dir, 'outside.png'), path.join(dir, 'deck', 'link.png'));
    symlinkSync(dir, path.join(dir, 'deck', 'up'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file inside the folder as a data URL of the type its bytes are', async () => {
    const result = await loadDeckImage('images/dot.png', deckFile);
    expect(result).toEqual({ ok: true, src: dataUrl('image/png', PNG_1PX), type: 'image/png', bytes: PNG_1PX.length });
  });

  it('refuses a symlink that leads out of the folder, a file or through a linked folder', async () => {
    for (const src of ['link.png', 'up/outside.png']) {
      const result = await readImageFile(src, path.dirname(deckFile));
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(/leads outside the deck's folder through a symbolic link/);
    }
  });

  it('refuses a missing file, a 50 MB file (from its size, unread) and a file that claims to be PNG', async () => {
    expect(await loadDeckImage('nope.png', deckFile)).toEqual({ ok: false, message: expect.stringMatching(/"nope.png" is not in the deck's folder/) });
    expect(await loadDeckImage('huge.png', deckFile)).toEqual({ ok: false, message: 'the image is 50.0 MB; at most 5 MB' });
    expect(await loadDeckImage('fake.png', deckFile)).toEqual({ ok: false, message: expect.stringMatching(/claims to be PNG but is not an image/) });
    expect(await loadDeckImage('../outside.png', deckFile)).toEqual({ ok: false, message: expect.stringMatching(/leaves the deck's folder/) });
  });

  it('hands out an SVG only sanitised', async () => {
    const result = await loadDeckImage('evil.svg', deckFile);
    expect(result.ok).toBe(true);
    const svg = result.ok ? Buffer.from(result.src.split(',')[1], 'base64').toString() : '';
    expect(svg).toContain('<rect');
    expect(svg).not.toMatch(/script|onload|alert/);
  });

  it('briefing check reports each file problem with the slide and its path', async () => {
    const deck = {
      format: 'briefing-deck',
      version: 1,
      meta: { title: 'Files' },
      slides: [
        { id: 'ok', layout: 'image', title: 'Fine', image: { src: 'images/dot.png', alt: 'a dot' } },
        { id: 'gone', layout: 'image', title: 'Gone', image: { src: 'missing.png', alt: 'x' } },
        { id: 'out', layout: 'image', title: 'Out', image: { src: 'link.png', alt: 'x' } },
        { id: 'fake', layout: 'image', title: 'Fake', image: { src: 'fake.png', alt: 'x' } },
        { id: 'huge', layout: 'image', title: 'Huge', image: { src: 'huge.png', alt: 'x' } },
        { id: 'esc', layout: 'bullets', title: 'Escape', bullets: ['a'], image: { src: '../outside.png', alt: 'x' } },
      ],
    };
    const file = path.join(dir, 'deck', 'files.briefing.json');
    writeFileSync(file, JSON.stringify(deck));
    const lines = (await checkDeckFile(file)).errors.map(formatCheckProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^slide 2 'Gone' \(id gone\) at slides\[1\]\.image\.src: the image file "missing.png" is not in the deck's folder/),
        expect.stringMatching(/^slide 3 'Out' \(id out\) at slides\[2\]\.image\.src: .*through a symbolic link/),
        expect.stringMatching(/^slide 4 'Fake' \(id fake\) at slides\[3\]\.image\.src: the file claims to be PNG but is not an image/),
        "slide 5 'Huge' (id huge) at slides[4].image.src: the image is 50.0 MB; at most 5 MB",
        expect.stringMatching(/^slide 6 'Escape' \(id esc\) at slides\[5\]\.image\.src: the image path leaves the deck's folder/),
      ]),
    );
    expect(lines.some((l) => l.includes('slides[0]'))).toBe(false);
  });

  it('resolves path images to data URLs for the PDF and reports the ones left out', async () => {
    const deck = validateDeck(deckWith({ src: 'images/dot.png', alt: 'a dot' })).ok ? (deckWith({ src: 'images/dot.png', alt: 'a dot' }) as unknown as Deck) : null;
    const bad = { ...deck!, slides: [...deck!.slides, { id: 'b', layout: 'image' as const, title: 'B', image: { src: 'link.png', alt: 'x' } }] };
    const { deck: resolved, problems } = await resolveDeckImages(bad, deckFile);
    expect(resolved.slides[0].image?.src).toBe(dataUrl('image/png', PNG_1PX));
    expect(resolved.slides[1].image?.src).toBe('link.png');
    expect(problems).toEqual([{ path: 'slides[1].image.src', message: expect.stringMatching(/symbolic link/) }]);
  });

  it('the loadImage API checks its arguments and knows only open decks', async () => {
    const handlers = createApiHandlers({
      transport: 'http',
      version: 't',
      store: { pathForId: (id: string) => (id === 'deck1' ? deckFile : undefined) } as never,
      state: {} as never,
      exports: {} as never,
      decksDir: dir,
      exportsDir: dir,
      defaultDeckPath: deckFile,
      poller: {} as never,
    });
    expect(await callApi(handlers, 'loadImage', ['deck1', 'images/dot.png'])).toEqual({ result: { ok: true, src: dataUrl('image/png', PNG_1PX), type: 'image/png', bytes: PNG_1PX.length } });
    expect(await callApi(handlers, 'loadImage', ['nope', 'images/dot.png'])).toEqual({ error: 'unknown deck: open it first' });
    expect(await callApi(handlers, 'loadImage', ['deck1', 42])).toEqual({ error: expect.stringMatching(/an image is a data URL or a path/) });
    expect(await callApi(handlers, 'loadImage', ['deck1', '/etc/passwd'])).toEqual({ result: { ok: false, message: expect.stringMatching(/absolute path/) } });
  });
});

describe('sanitising SVG', () => {
  const evil = [
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="window.__pwned=1">',
    '<script>window.__pwned = 2</script>',
    '<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">hi<img src="x" onerror="alert(1)"/></div></foreignObject>',
    '<image xlink:href="http://evil.example/track.png" width="5" height="5"/>',
    '<image href="https://evil.example/x.png" width="5" height="5"/>',
    '<rect id="r" width="10" height="10" fill="#c00" onclick="alert(3)" style="fill:url(http://evil.example/f)"/>',
    '<a href="javascript:alert(4)"><circle r="2"/></a>',
    '<linearGradient id="g"/><rect width="2" height="2" fill="url(#g)"/>',
    '</svg>',
  ].join('');

  it('removes <script>, event handlers, <foreignObject> and external hrefs, and keeps the drawing', async () => {
    const result = await sanitizeSvg(evil);
    expect(result.ok).toBe(true);
    const svg = result.ok ? result.svg : '';
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/\bon[a-z]+=/i);
    expect(svg).not.toMatch(/foreignObject/i);
    expect(svg).not.toMatch(/evil\.example|javascript:|__pwned|alert/);
    expect(svg).not.toMatch(/xlink:href|\shref=/);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('fill="#c00"');
    expect(svg).toContain('fill="url(#g)"');
    expect(svg).toContain('<circle');
  });

  it('refuses markup with no <svg> left', async () => {
    expect(await sanitizeSvg('<script>alert(1)</script>')).toEqual({ ok: false, message: expect.stringMatching(/no <svg> element/) });
  });
});
