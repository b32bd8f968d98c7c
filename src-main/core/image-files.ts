/**
 * Deck images in main: a path image is read only from inside the deck's folder
 * (lexical rules in src-shared/image-sniff.ts, then symlinks resolved and checked
 * again, size from `stat` before a byte is read, never more than the limit read),
 * every image's type comes from its bytes, and SVG is sanitised (image-svg.ts).
 * What leaves here is a data URL of the type the bytes are: the renderer shows it
 * in an `<img>`, the PDF draws it. This is the one place image bytes are trusted.
 */
import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImageLoadResult } from '../../src-shared/api';
import type { Deck } from '../../src-shared/deck-schema';
import type { DeckProblem } from '../../src-shared/deck-validate';
import { deckImages } from '../../src-shared/image-check';
import {
  checkImageBytes,
  classifyImageSrc,
  decodeBase64,
  deckImagesSizeProblem,
  encodeBase64,
  formatImageSize,
  imageSizeProblem,
  parseDataUrl,
  toDataUrl,
} from '../../src-shared/image-sniff';
import { LIMITS } from '../../src-shared/deck-schema';
import { sanitizeSvg } from './image-svg';

type Failure = { ok: false; message: string };
const fail = (message: string): Failure => ({ ok: false, message });

/** Reads the bytes a relative image path names, refusing anything that leaves `deckDir`. */
export async function readImageFile(src: string, deckDir: string): Promise<{ ok: true; bytes: Uint8Array } | Failure> {
  const where = classifyImageSrc(src);
  if (where.kind === 'refused') return fail(where.message);
  if (where.kind !== 'path') return fail('not a path');
  let root: string;
  try {
    root = await realpath(deckDir);
  } catch {
    return fail("the deck's folder cannot be read");
  }
  let real: string;
  try {
    real = await realpath(path.join(root, ...where.segments));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' || code === 'ENOTDIR' ? `the image file "${src}" is not in the deck's folder (${path.basename(deckDir)})` : `the image file "${src}" cannot be read (${code ?? 'error'})`);
  }
  // A symlink inside the folder may point anywhere: the resolved file must still be inside.
  if (!real.startsWith(root + path.sep)) return fail(`the image path "${src}" leads outside the deck's folder through a symbolic link; copy the image into the folder instead`);
  let size: number;
  try {
    const st = await stat(real);
    if (!st.isFile()) return fail(`"${src}" is not a file`);
    size = st.size;
  } catch {
    return fail(`the image file "${src}" cannot be read`);
  }
  const tooBig = imageSizeProblem(size);
  if (tooBig) return fail(tooBig);
  try {
    const handle = await open(real, 'r');
    try {
      // Read at most one byte over the limit: a file that grew since stat is still refused.
      const buffer = new Uint8Array(Math.min(size, LIMITS.maxImageBytes) + 1);
      let n = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, n, buffer.length - n, n);
        if (bytesRead === 0) break;
        n += bytesRead;
        if (n === buffer.length) break;
      }
      if (n > LIMITS.maxImageBytes) return fail(`the image is larger than ${formatImageSize(LIMITS.maxImageBytes)}; at most ${LIMITS.maxImageBytes / 1024 / 1024} MB`);
      return { ok: true, bytes: buffer.subarray(0, n) };
    } finally {
      await handle.close();
    }
  } catch (err) {
    return fail(`the image file "${src}" cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Bytes → a safe data URL: the type from the bytes, the size checked, SVG sanitised. */
export async function imageBytesToDataUrl(bytes: Uint8Array, claimed?: string): Promise<ImageLoadResult> {
  const checked = checkImageBytes(bytes, bytes.length, claimed);
  if (!checked.ok) return checked;
  if (checked.type === 'image/svg+xml') {
    const clean = await sanitizeSvg(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
    if (!clean.ok) return clean;
    const svgBytes = new TextEncoder().encode(clean.svg);
    return { ok: true, src: toDataUrl('image/svg+xml', encodeBase64(svgBytes)), type: 'image/svg+xml', bytes: svgBytes.length };
  }
  return { ok: true, src: toDataUrl(checked.type, encodeBase64(bytes)), type: checked.type, bytes: bytes.length };
}

/**
 * Resolves a deck image's `src` to a safe data URL. `deckFile` is where the deck is
 * (null for a deck with no folder: only embedded images can be shown).
 */
export async function loadDeckImage(src: string, deckFile: string | null): Promise<ImageLoadResult> {
  const where = classifyImageSrc(src);
  if (where.kind === 'refused') return fail(where.message);
  if (where.kind === 'data') {
    const parsed = parseDataUrl(src);
    if (!parsed.ok) return parsed;
    const tooBig = imageSizeProblem(parsed.bytes);
    if (tooBig) return fail(tooBig);
    return imageBytesToDataUrl(decodeBase64(parsed.base64), parsed.declared || undefined);
  }
  if (!deckFile) return fail('an image named by path needs the deck saved in a folder; embed the image instead');
  const read = await readImageFile(src, path.dirname(deckFile));
  if (!read.ok) return read;
  return imageBytesToDataUrl(read.bytes, src);
}

/**
 * A copy of the deck with every image's `src` replaced by a safe data URL (for the
 * PDF). An image that cannot be used keeps its `src` and is reported: the PDF
 * says it was left out. Identical sources are loaded once.
 */
export async function resolveDeckImages(deck: Deck, deckFile: string | null): Promise<{ deck: Deck; problems: DeckProblem[] }> {
  const found = deckImages(deck);
  if (found.length === 0) return { deck, problems: [] };
  const problems: DeckProblem[] = [];
  const loaded = new Map<string, ImageLoadResult>();
  let total = 0;
  for (const { path: at, image } of found) {
    const src = String(image.src);
    let result = loaded.get(src);
    if (!result) {
      result = await loadDeckImage(src, deckFile);
      loaded.set(src, result);
      if (result.ok) total += result.bytes;
    }
    if (!result.ok) problems.push({ path: `${at}.src`, message: result.message });
  }
  const tooMuch = deckImagesSizeProblem(total);
  if (tooMuch) {
    // Over the deck limit: nothing is drawn rather than an arbitrary subset.
    problems.push({ path: '', message: tooMuch });
    loaded.clear();
  }
  const swap = <T extends { src: string }>(image: T): T => {
    const result = loaded.get(image.src);
    return result?.ok ? { ...image, src: result.src } : image;
  };
  const slides = deck.slides.map((slide) => (slide.image ? { ...slide, image: swap(slide.image) } : slide));
  const theme = deck.theme?.logo ? { ...deck.theme, logo: swap(deck.theme.logo) } : deck.theme;
  return { deck: { ...deck, slides, ...(theme ? { theme } : {}) }, problems };
}

/** Problems with the image files a deck names by path, for `briefing check` (embedded ones are checked in src-shared). */
export async function checkImageFiles(deck: unknown, deckFile: string): Promise<DeckProblem[]> {
  const problems: DeckProblem[] = [];
  let total = 0;
  const seen = new Set<string>();
  for (const { path: at, image } of deckImages(deck)) {
    if (typeof image.src !== 'string' || classifyImageSrc(image.src).kind !== 'path') continue;
    const read = await readImageFile(image.src, path.dirname(deckFile));
    if (!read.ok) {
      problems.push({ path: `${at}.src`, message: read.message });
      continue;
    }
    const checked = checkImageBytes(read.bytes, read.bytes.length, image.src);
    if (!checked.ok) problems.push({ path: `${at}.src`, message: checked.message });
    if (!seen.has(image.src)) total += read.bytes.length;
    seen.add(image.src);
  }
  // Embedded images count towards the same limit: src-shared reports them alone, this adds the files.
  for (const { image } of deckImages(deck)) {
    if (typeof image.src === 'string' && classifyImageSrc(image.src).kind === 'data') {
      const parsed = parseDataUrl(image.src);
      if (parsed.ok) total += parsed.bytes;
    }
  }
  const tooMuch = total > 0 && seen.size > 0 ? deckImagesSizeProblem(total) : null;
  if (tooMuch) problems.push({ path: '', message: tooMuch });
  return problems;
}
