/**
 * Deck images → pictures PowerPoint can show. Only data URLs are taken (a path or
 * URL is never opened, so nothing is read or fetched); PNG and JPEG go in as they
 * are, while WebP and SVG, which PowerPoint versions show unevenly and pptxgenjs
 * cannot preview in Node, are drawn to a PNG with @napi-rs/canvas. The image's
 * own size is read so it can be fitted ("contain") into its box.
 */
import type { Image } from '../../../src-shared/deck-schema';

export interface PictureData {
  /** `image/png;base64,…` as pptxgenjs wants it. */
  data: string;
  width: number;
  height: number;
}

const DATA_URL = /^data:(image\/(?:png|jpeg|webp|svg\+xml));base64,([A-Za-z0-9+/=\s]+)$/;

/** Largest side of a drawn SVG or WebP, in pixels: sharp on a slide, small in the file. */
const MAX_RASTER = 2000;

type CanvasModule = typeof import('@napi-rs/canvas');
let canvasModule: Promise<CanvasModule> | undefined;

/** The picture for `image`, or null when it is not an embedded image we can read. */
export async function loadPicture(image: Image): Promise<PictureData | null> {
  const match = DATA_URL.exec(image.src.trim());
  if (!match) return null;
  const [, type, base64] = match;
  const bytes = Buffer.from(base64.replace(/\s+/g, ''), 'base64');
  if (bytes.length === 0) return null;
  canvasModule ??= import('@napi-rs/canvas');
  const { loadImage, createCanvas } = await canvasModule;
  let decoded: Awaited<ReturnType<CanvasModule['loadImage']>>;
  try {
    decoded = await loadImage(bytes);
  } catch {
    return null;
  }
  if (!decoded.width || !decoded.height) return null;
  if (type === 'image/png' || type === 'image/jpeg') {
    return { data: `${type};base64,${bytes.toString('base64')}`, width: decoded.width, height: decoded.height };
  }
  const scale = Math.min(1, MAX_RASTER / Math.max(decoded.width, decoded.height));
  const width = Math.max(1, Math.round(decoded.width * scale));
  const height = Math.max(1, Math.round(decoded.height * scale));
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').drawImage(decoded, 0, 0, width, height);
  const png = await canvas.encode('png');
  return { data: `image/png;base64,${png.toString('base64')}`, width, height };
}

/** `pic` fitted inside the box, centred: the image keeps its proportions. */
export function containBox(pic: { width: number; height: number }, box: { x: number; y: number; w: number; h: number }) {
  const scale = Math.min(box.w / pic.width, box.h / pic.height);
  const w = pic.width * scale;
  const h = pic.height * scale;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}
