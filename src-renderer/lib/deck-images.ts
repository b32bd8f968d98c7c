/**
 * Deck images for `<img>`: an embedded PNG, JPEG or WebP is checked here (type
 * from its bytes, size) and shown as a data URL of the type it is; an SVG, or an
 * image named by a path beside the deck, is asked of main (`loadImage`), which
 * reads the file only from the deck's folder and sanitises SVG. The renderer never
 * puts deck markup in the DOM, and never loads an image from a URL.
 */
import type { BriefingApi, DeckId, ImageLoadResult } from '../../src-shared/api';
import { checkDataUrl, isDataUrl, parseDataUrl, toDataUrl } from '../../src-shared/image-sniff';

let api: Pick<BriefingApi, 'loadImage'> | null = null;
let deckId: () => DeckId | undefined = () => undefined;

/** Called once per window with its API client and the open deck's id. */
export function connectDeckImages(client: Pick<BriefingApi, 'loadImage'>, currentDeck: () => DeckId | undefined): void {
  api = client;
  deckId = currentDeck;
}

const CACHE_LIMIT = 48;
const cache = new Map<string, Promise<ImageLoadResult>>();

/** An embedded raster image checked in the renderer: no round trip for the common case. */
function localImage(src: string): ImageLoadResult | null {
  const checked = checkDataUrl(src);
  if (!checked.ok) return checked;
  if (checked.type === 'image/svg+xml') return null;
  const parsed = parseDataUrl(src);
  return parsed.ok ? { ok: true, src: toDataUrl(checked.type, parsed.base64), type: checked.type, bytes: parsed.bytes } : parsed;
}

/** The image to show for a deck image's `src`, or why it is not shown. */
export function loadDeckImage(src: string): Promise<ImageLoadResult> {
  if (isDataUrl(src)) {
    const local = localImage(src);
    if (local) return Promise.resolve(local);
  }
  const id = deckId();
  const key = `${id ?? ''}\n${src}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  if (!api || !id) return Promise.resolve({ ok: false, message: 'no deck is open' });
  const loading = api.loadImage(id, src).catch((err: unknown): ImageLoadResult => ({ ok: false, message: err instanceof Error ? err.message : String(err) }));
  cache.set(key, loading);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return loading;
}

/** Window event that hands a file dropped on the slide (while editing) to the image editor. */
export const IMAGE_DROP_EVENT = 'briefing:image-drop';

/** A dropped file meant as a picture rather than a deck: by its type or name (its bytes are checked when added). */
export function isImageFile(file: File): boolean {
  return /^image\//.test(file.type) || /\.(png|jpe?g|webp|svg)$/i.test(file.name);
}
