/**
 * A deck's logo (`theme.logo`) → an image pdfmake can embed, or none. Only embedded
 * `data:` images are used here: a logo given as a path beside the deck is resolved
 * by the image code of issue 10 (it lands on main separately). The bytes decide the
 * type, never the URL's label: PNG and JPEG go in as they are, WebP is decoded and
 * re-encoded as PNG on the canvas. SVG is left out until it can go through the
 * sanitiser, because the rasteriser would follow the file paths an SVG may name.
 */
import { LIMITS, type Theme } from '../../../src-shared/deck-schema';
import type { PdfLogo } from './theme';

export type Kind = 'png' | 'jpeg' | 'webp';

function sniff(bytes: Buffer): Kind | null {
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length > 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

/** Larger logos are refused before decoding: a small file can claim an enormous picture. */
const MAX_SIDE = 8192;

/** Width and height read from the image's header, without decoding it. */
export function imageSize(bytes: Buffer, kind: Kind): { width: number; height: number } | null {
  if (kind === 'png') return bytes.length >= 24 ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) } : null;
  if (kind === 'webp') {
    const chunk = bytes.toString('latin1', 12, 16);
    if (chunk === 'VP8X' && bytes.length >= 30) return { width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
    if (chunk === 'VP8L' && bytes.length >= 25) {
      const bits = bytes.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8 ' && bytes.length >= 30) return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
    return null;
  }
  // JPEG: walk the markers to the first start-of-frame.
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: bytes.readUInt16BE(at + 7), height: bytes.readUInt16BE(at + 5) };
    }
    at += 2 + length;
  }
  return null;
}

/** The logo of `theme` ready for the PDF, or undefined when there is none it can draw. */
export async function preparePdfLogo(theme: Theme | undefined): Promise<PdfLogo | undefined> {
  const src = theme?.logo?.src;
  const m = typeof src === 'string' ? /^data:image\/[a-z+.-]+;base64,([A-Za-z0-9+/]+={0,2})$/.exec(src) : null;
  if (!m) return undefined;
  const bytes = Buffer.from(m[1], 'base64');
  if (bytes.length === 0 || bytes.length > LIMITS.maxImageBytes) return undefined;
  const kind = sniff(bytes);
  if (!kind) return undefined;
  const size = imageSize(bytes, kind);
  if (!size || !size.width || !size.height || size.width > MAX_SIDE || size.height > MAX_SIDE) return undefined;
  if (kind !== 'webp') return { dataUrl: `data:image/${kind};base64,${m[1]}`, ...size };
  const { loadImage, createCanvas } = await import('@napi-rs/canvas');
  let image: Awaited<ReturnType<typeof loadImage>>;
  try {
    image = await loadImage(bytes);
  } catch {
    return undefined; // A broken image is left out rather than failing the handout.
  }
  const { width, height } = image;
  if (!width || !height) return undefined;
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').drawImage(image, 0, 0);
  const png = await canvas.encode('png');
  return { dataUrl: `data:image/png;base64,${png.toString('base64')}`, width, height };
}
