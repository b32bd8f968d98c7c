/**
 * What a deck image is, decided from its bytes and never from a file name or the
 * type a data URL declares: PNG, JPEG and WebP by their magic numbers, SVG by text
 * that opens (after an optional BOM, XML declaration, comments and doctype) with
 * `<svg`. Also the rules for where an image may live (an embedded data URL, or a
 * path inside the deck's folder) and the size limits, with the messages `check`,
 * the app and the PDF all show. Pure: no DOM, no Node.
 */
import { IMAGE_TYPES, LIMITS, type ImageType } from './deck-schema';

const MB = 1024 * 1024;

/** The short name people know a type by, for messages ("PNG"). */
export const IMAGE_TYPE_NAMES: Record<ImageType, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/svg+xml': 'SVG',
};

/** What the file picker and drop zone accept (the bytes are still checked). */
export const IMAGE_ACCEPT = '.png,.jpg,.jpeg,.webp,.svg,image/png,image/jpeg,image/webp,image/svg+xml';

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0): boolean =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];

/** The image type the bytes are, or null when they are none we accept. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  return looksLikeSvg(bytes) ? 'image/svg+xml' : null;
}

/** How far into a file the `<svg` root may start (prologue, comments, doctype). */
const SVG_PROLOGUE_BYTES = 8192;

/**
 * True when the text opens with `<svg` once a BOM, whitespace, an XML declaration,
 * comments and a doctype are skipped. A doctype with an internal subset (`[`…) is
 * refused: it can define entities that expand without bound.
 */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  let text = '';
  const n = Math.min(bytes.length, SVG_PROLOGUE_BYTES);
  for (let i = 0; i < n; i++) text += String.fromCharCode(bytes[i]);
  // UTF-8 BOM read byte by byte.
  let rest = text.replace(/^\xef\xbb\xbf/, '');
  for (;;) {
    rest = rest.replace(/^\s+/, '');
    if (rest.startsWith('<?xml')) {
      const end = rest.indexOf('?>');
      if (end < 0) return false;
      rest = rest.slice(end + 2);
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) return false;
      rest = rest.slice(end + 3);
    } else if (/^<!doctype/i.test(rest)) {
      const end = rest.indexOf('>');
      if (end < 0 || rest.slice(0, end).includes('[')) return false;
      rest = rest.slice(end + 1);
    } else break;
  }
  return /^<svg[\s>/]/.test(rest);
}

/** "50.0 MB", "812 KB": an image size as people read it. */
export function formatImageSize(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The message for one image over LIMITS.maxImageBytes, or null when it fits. */
export function imageSizeProblem(bytes: number): string | null {
  return bytes > LIMITS.maxImageBytes ? `the image is ${formatImageSize(bytes)}; at most ${LIMITS.maxImageBytes / MB} MB` : null;
}

/** The message for a deck whose images together pass LIMITS.maxDeckImageBytes, or null. */
export function deckImagesSizeProblem(total: number): string | null {
  return total > LIMITS.maxDeckImageBytes
    ? `the deck's images come to ${formatImageSize(total)} together; at most ${LIMITS.maxDeckImageBytes / MB} MB for one deck`
    : null;
}

/** A `data:` URL taken apart; only base64 data URLs are accepted. */
export type ParsedDataUrl = { ok: true; declared: string; base64: string; bytes: number } | { ok: false; message: string };

/** True when `src` is meant as an embedded image (starts with `data:`). */
export const isDataUrl = (src: string): boolean => /^data:/i.test(src);

/** Takes a `data:image/…;base64,` URL apart, without decoding it. */
export function parseDataUrl(src: string): ParsedDataUrl {
  const comma = src.indexOf(',');
  const head = comma < 0 ? '' : src.slice(5, comma);
  const m = /^([a-z0-9.+-]+\/[a-z0-9.+-]+)?((?:;[a-z0-9.+-]+=[^;,]*)*);base64$/i.exec(head);
  if (comma < 0 || !m) return { ok: false, message: 'an embedded image must be a data URL of the form data:image/png;base64,…' };
  const base64 = src.slice(comma + 1).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 === 1) {
    return { ok: false, message: 'the embedded image is not valid base64 data' };
  }
  return { ok: true, declared: (m[1] ?? '').toLowerCase(), base64, bytes: base64DecodedLength(base64) };
}

/** Decoded size of base64 text, without decoding it. */
export function base64DecodedLength(base64: string): number {
  const pad = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - pad;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Decodes base64 (as checked by parseDataUrl); `maxBytes` decodes only the start. */
export function decodeBase64(base64: string, maxBytes = Infinity): Uint8Array {
  const chars = Math.min(base64.length, Number.isFinite(maxBytes) ? Math.ceil(maxBytes / 3) * 4 : base64.length);
  const out = new Uint8Array(Math.floor((chars * 3) / 4));
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < chars; i++) {
    const c = base64.charCodeAt(i);
    if (c === 61 /* = */) break;
    const v = c < 128 ? LOOKUP[c] : -1;
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, Math.min(n, maxBytes));
}

/** Encodes bytes as base64. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63];
  }
  if (i < bytes.length) {
    const v = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + (i + 1 < bytes.length ? ALPHABET[(v >> 6) & 63] : '=') + '=';
  }
  return out;
}

/** Bytes that are (or are not) an image we accept, with the message a person reads. */
export type ImageBytesCheck = { ok: true; type: ImageType } | { ok: false; message: string };

/**
 * Checks bytes as an image: the type from the bytes, the size against the limit.
 * `claimed` is what the name or data URL said it was, only to say "claims to be
 * PNG but is not" — it never decides the type.
 */
export function checkImageBytes(head: Uint8Array, size: number, claimed?: string): ImageBytesCheck {
  const type = sniffImageType(head);
  if (!type) {
    const claim = claimedName(claimed);
    return { ok: false, message: claim ? `the file claims to be ${claim} but is not an image (its bytes are no PNG, JPEG, WebP or SVG)` : 'the bytes are not an image: expected PNG, JPEG, WebP or SVG' };
  }
  const tooBig = imageSizeProblem(size);
  return tooBig ? { ok: false, message: tooBig } : { ok: true, type };
}

/** "PNG" for `image/png`, `photo.png` or `png`; undefined when it names no type we know. */
function claimedName(claimed: string | undefined): string | undefined {
  if (!claimed) return undefined;
  const lower = claimed.toLowerCase();
  const mime = (IMAGE_TYPES as readonly string[]).includes(lower) ? (lower as ImageType) : undefined;
  if (mime) return IMAGE_TYPE_NAMES[mime];
  const ext = /\.?([a-z0-9]+)$/.exec(lower)?.[1];
  const byExt: Record<string, string> = { png: 'PNG', jpg: 'JPEG', jpeg: 'JPEG', webp: 'WebP', svg: 'SVG', gif: 'GIF' };
  return ext && byExt[ext] ? byExt[ext] : lower.startsWith('image/') ? lower.slice(6).toUpperCase() : undefined;
}

/** Enough of a data URL's start to sniff it (SVG needs its prologue). */
const SNIFF_BYTES = SVG_PROLOGUE_BYTES;

/** Recent checks by `src`: the edit panel re-checks its slide on every keystroke, and a 5 MB image should not be re-read each time. */
const recentChecks = new Map<string, ImageBytesCheck & { bytes?: number }>();

/** An embedded image checked without decoding it all: type from its first bytes, size from its length. */
export function checkDataUrl(src: string): ImageBytesCheck & { bytes?: number } {
  const hit = recentChecks.get(src);
  if (hit) return hit;
  const parsed = parseDataUrl(src);
  const result = parsed.ok ? { ...checkImageBytes(decodeBase64(parsed.base64, SNIFF_BYTES), parsed.bytes, parsed.declared || undefined), bytes: parsed.bytes } : parsed;
  recentChecks.set(src, result);
  if (recentChecks.size > 16) recentChecks.delete(recentChecks.keys().next().value as string);
  return result;
}

/** Rebuilds a data URL with the type its bytes are (never the one it declared). */
export function toDataUrl(type: ImageType, base64: string): string {
  return `data:${type};base64,${base64}`;
}

/** Where an image's `src` points: embedded data, a path inside the deck's folder, or refused. */
export type ImageLocation = { kind: 'data' } | { kind: 'path'; segments: string[] } | { kind: 'refused'; message: string };

/**
 * Classifies `src` by its text alone. A path must be relative, use `/`, stay in the
 * deck's folder (no `..`), and name no scheme (`http:`, `file:`, `C:`); main also
 * resolves symlinks before reading (src-main/core/image-files.ts).
 */
export function classifyImageSrc(src: string): ImageLocation {
  if (isDataUrl(src)) return { kind: 'data' };
  const refuse = (why: string): ImageLocation => ({ kind: 'refused', message: `${why}; use an image embedded in the deck, or a file in the deck's folder named relative to it (e.g. "images/map.png")` });
  if (/[\u0000-\u001f\u007f]/.test(src)) return refuse('the image path contains control characters');
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) {
    return refuse(/^file:/i.test(src) ? 'a file: URL is not allowed as an image' : /^[a-z]:/i.test(src) ? 'an absolute path is not allowed as an image' : 'an image from a URL is not allowed (the app never goes online)');
  }
  if (src.startsWith('/') || src.startsWith('\\') || src.startsWith('~')) return refuse('an absolute path is not allowed as an image');
  if (src.includes('\\')) return refuse('the image path uses "\\"; separate folders with "/"');
  const segments = src.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return refuse('the image path leaves the deck\'s folder ("..")');
  if (segments.length === 0) return refuse('the image path names no file');
  return { kind: 'path', segments };
}

/** A one-line description of an image's `src` for messages: never the whole data URL. */
export function describeImageSrc(src: string): string {
  if (isDataUrl(src)) return 'the embedded image';
  const shown = src.length > 80 ? `${src.slice(0, 79)}…` : src;
  return `"${shown}"`;
}
